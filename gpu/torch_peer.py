#!/usr/bin/env python3
"""PyTorch peer of gpu/device-check: the same workloads timed with PyTorch on the same device.

0. The GPU's memory bandwidth as PyTorch sees it: a device-to-device copy of the benchmark's number of
   bytes, bytes read plus written over the median of 11 copies (the ceiling for the greedy step).
1. The greedy step of the Java check's benchmark: Phi (N x m, float32, entries uniform in [-1, 1);
   PyTorch's own random entries, not the Java ones), r = s/n - y, g = Phi @ r, the screened losses and
   their argmin; the median of 21 steps after 3 warm-up steps, synchronised, TF32 off. N and m are
   read from the Java check's results.json, so both time the same shape; the ratio Java/PyTorch and
   the Java product's share of the copy bandwidth are printed.
2. SNIP scoring of ResNet-50 (He et al. 2016; torchvision's model when torchvision is installed, else
   the same layout written out here): one forward and backward pass of cross-entropy at batch 64 on 224x224 inputs, scores
   |w * dL/dw| of every convolution and linear weight, and a global top-k threshold at 90 % sparsity;
   the median of 5 after 2 warm-ups. The Java GPU engine has no SNIP yet: this is the target it
   will be measured against (within 1.5x).

With --dry-run it runs on the CPU if PyTorch is importable (small SNIP inputs), and says so. Writes
torch.json next to the Java results. Every random choice comes from seed 19.
"""
import argparse
import json
import os
import sys
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="folder for torch.json")
    p.add_argument("--java-results", required=True, help="results.json of the Java check")
    p.add_argument("--dry-run", action="store_true", help="CPU, small inputs")
    return p.parse_args()


def write(out, result):
    path = os.path.join(out, "torch.json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
    os.replace(tmp, path)


def median(xs):
    s = sorted(xs)
    k = len(s) // 2
    return s[k] if len(s) % 2 else (s[k - 1] + s[k]) / 2


def timed(torch, device, fn):
    if device.type == "cuda":
        torch.cuda.synchronize()
    t = time.perf_counter()
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - t


def greedy_step(torch, device, n, m, warm=3, repeats=21):
    g = torch.Generator(device=device).manual_seed(19)
    phi = torch.rand((n, m), generator=g, dtype=torch.float32, device=device).mul_(2).sub_(1)
    norms = torch.linalg.vector_norm(phi, dim=1, dtype=torch.float64) ** 2
    j = torch.arange(m, dtype=torch.float64, device=device)
    y = 0.5 * torch.sin(j)
    s = torch.zeros(m, dtype=torch.float64, device=device)
    state = {"steps": 0, "s": s}

    def step():
        nxt = state["steps"] + 1
        r = state["s"] / nxt - y
        prod = phi @ r.float()
        screened = (r @ r) + 2.0 / nxt * prod.double() + norms / nxt ** 2
        best = int(torch.argmin(screened))
        state["s"] = state["s"] + phi[best].double()
        state["steps"] = nxt

    for _ in range(warm):
        step()
    steps = [timed(torch, device, step) for _ in range(repeats)]
    r = (state["s"] / (state["steps"] + 1) - y).float()
    products = [timed(torch, device, lambda: phi @ r) for _ in range(repeats)]
    return median(steps), median(products), n * m * 4


def resnet50(torch):
    nn = torch.nn

    class Bottleneck(nn.Module):
        def __init__(self, cin, width, stride):
            super().__init__()
            cout = width * 4
            self.c1 = nn.Conv2d(cin, width, 1, bias=False)
            self.b1 = nn.BatchNorm2d(width)
            self.c2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
            self.b2 = nn.BatchNorm2d(width)
            self.c3 = nn.Conv2d(width, cout, 1, bias=False)
            self.b3 = nn.BatchNorm2d(cout)
            self.down = None
            if stride != 1 or cin != cout:
                self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            h = torch.relu(self.b1(self.c1(x)))
            h = torch.relu(self.b2(self.c2(h)))
            h = self.b3(self.c3(h))
            return torch.relu(h + (x if self.down is None else self.down(x)))

    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for width, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for b in range(blocks):
            layers.append(Bottleneck(cin, width, stride if b == 0 else 1))
            cin = width * 4
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2048, 1000)]
    return nn.Sequential(*layers)


def copy_bandwidth(torch, device, nbytes, repeats=11):
    a = torch.empty(nbytes // 4, dtype=torch.float32, device=device)
    b = torch.empty_like(a)
    b.copy_(a)
    seconds = median([timed(torch, device, lambda: b.copy_(a)) for _ in range(repeats)])
    return 2 * a.numel() * 4 / seconds / 1e9


def snip(torch, device, batch, size, warm=2, repeats=5):
    torch.manual_seed(19)
    try:
        import torchvision
        net = torchvision.models.resnet50().to(device)
        source = "torchvision %s" % torchvision.__version__
    except ImportError:
        net = resnet50(torch).to(device)
        source = "written out here (no torchvision)"
    print("torch peer: ResNet-50 from %s" % source)
    x = torch.randn(batch, 3, size, size, device=device)
    labels = torch.randint(0, 1000, (batch,), device=device)
    weights = [p for name, p in net.named_parameters() if p.dim() > 1]

    def score():
        net.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(net(x), labels)
        loss.backward()
        scores = torch.cat([(w * w.grad).abs().flatten() for w in weights])
        keep = max(1, int(0.1 * scores.numel()))
        return torch.topk(scores, keep, sorted=False).values.min()

    for _ in range(warm):
        score()
    return median([timed(torch, device, score) for _ in range(repeats)]), sum(w.numel() for w in weights)


def main():
    a = parse()
    result = {"dryRun": a.dry_run}
    try:
        import torch
    except ImportError as e:
        print("torch peer: PYTORCH PEER SKIPPED: torch is not importable here (%s); no PyTorch timings" % e)
        result["skipped"] = "torch not importable: %s" % e
        write(a.out, result)
        return 0
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    if a.dry_run or not torch.cuda.is_available():
        if not a.dry_run:
            print("torch peer: NO CUDA DEVICE VISIBLE TO PYTORCH; timing on the CPU instead")
        device = torch.device("cpu")
    else:
        device = torch.device("cuda")
    name = torch.cuda.get_device_name(0) if device.type == "cuda" else "CPU"
    result.update({"torch": torch.__version__, "device": name})
    try:
        with open(a.java_results) as f:
            java = json.load(f)
    except (OSError, ValueError) as e:
        print("torch peer: cannot read the Java results %s (%s); greedy comparison skipped" % (a.java_results, e))
        java = {}
    if "benchNeurons" in java:
        n, m = int(java["benchNeurons"]), int(java["benchPoints"])
        step, product, nbytes = greedy_step(torch, device, n, m)
        copy = copy_bandwidth(torch, device, nbytes)
        result.update({"greedyStepSeconds": step, "greedyProductSeconds": product, "greedyBytes": nbytes,
                       "copyGBps": copy})
        java_gbps = java["benchBytes"] / java["benchProductSeconds"] / 1e9
        print("torch peer: device-to-device copy %.1f GB/s (read + written); the Java product reads Phi at %.1f GB/s"
              " = %.0f %% of it (target: >= 60 %% on a >= 4 GiB Phi)" % (copy, java_gbps, 100 * java_gbps / copy))
        print("torch peer: greedy step %dx%d float32 on %s (torch %s): median step %.3f ms, product %.3f ms (%.1f GB/s)"
              % (n, m, name, torch.__version__, step * 1e3, product * 1e3, nbytes / product / 1e9))
        print("torch peer: Java/PyTorch time ratio, same shape, same device: step %.2f, product %.2f"
              % (java["benchStepSeconds"] / step, java["benchProductSeconds"] / product))
    batch, size = (2, 64) if device.type == "cpu" else (64, 224)
    seconds, count = snip(torch, device, batch, size)
    result.update({"snipSeconds": seconds, "snipBatch": batch, "snipImageSize": size, "snipWeights": count})
    print("torch peer: ResNet-50 SNIP scoring, batch %d, %dx%d, %d weights on %s: median %.1f ms"
          " (the Java GPU engine has no SNIP yet: not compared)" % (batch, size, size, count, name, seconds * 1e3))
    write(a.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
