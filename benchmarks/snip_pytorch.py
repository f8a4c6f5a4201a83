#!/usr/bin/env python3
"""The PyTorch side of benchmarks/side-by-side: the same SNIP job as `pruneproof prune --method snip`.

Builds a torchvision model (He-initialised as pruneproof does: N(0, 2/fan_in) weights, zero biases,
γ = 1, β = 0), one forward/backward pass of the mean softmax cross-entropy on a seeded batch of
N(0, 1) images with random labels (training-mode batch norm), SNIP scores |W ⊙ ∂L/∂W| over every
convolution and linear weight, one global threshold keeping round((1 − s)·M) weights, and writes
weights/<parameter name>.npy (float32, C order) for every tensor of the pruned network plus a
summary.json. Prints the scoring time; the whole process is timed by the caller.

  snip_pytorch.py --model resnet50|mobilenetv2|vgg19bn --batch 8 --sparsity 0.9 --threads 2 --out DIR
"""
import argparse
import json
import math
import os
import sys
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="resnet50", choices=["resnet18", "resnet34", "resnet50", "mobilenetv2", "vgg19bn"])
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--input-size", type=int, default=224)
    p.add_argument("--sparsity", type=float, default=0.9)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        print(f"snip_pytorch.py: --out {a.out} exists and is not empty; expected a new folder", file=sys.stderr)
        sys.exit(2)
    import numpy as np
    import torch
    import torchvision

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    build = {"resnet18": torchvision.models.resnet18, "resnet34": torchvision.models.resnet34,
             "resnet50": torchvision.models.resnet50, "mobilenetv2": torchvision.models.mobilenet_v2,
             "vgg19bn": torchvision.models.vgg19_bn}[a.model]
    model = build(weights=None)
    prunable = []
    for name, m in model.named_modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            fan_in = m.weight[0].numel()
            torch.nn.init.normal_(m.weight, 0.0, math.sqrt(2.0 / fan_in))
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias)
            prunable.append(name + ".weight")
        elif isinstance(m, torch.nn.BatchNorm2d):
            torch.nn.init.ones_(m.weight)
            torch.nn.init.zeros_(m.bias)
    model.train()
    x = torch.randn(a.batch, 3, a.input_size, a.input_size)
    y = torch.randint(0, 1000, (a.batch,))
    start = time.perf_counter()
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    forward_backward = time.perf_counter() - start
    params = dict(model.named_parameters())
    scores = torch.cat([(params[n].grad * params[n]).abs().flatten() for n in prunable])
    total = scores.numel()
    keep = round((1 - a.sparsity) * total)
    threshold = torch.topk(scores, keep, largest=True, sorted=True).values[-1] if keep > 0 else float("inf")
    masks = {n: (params[n].grad * params[n]).abs() >= threshold for n in prunable}
    scoring = time.perf_counter() - start
    os.makedirs(os.path.join(a.out, "weights"), exist_ok=True)
    with torch.no_grad():
        for n in prunable:
            params[n].mul_(masks[n])
        for n, t in model.state_dict().items():
            if t.dtype == torch.float32:
                np.save(os.path.join(a.out, "weights", n + ".npy"), t.detach().numpy())
    kept = int(sum(int(m.sum()) for m in masks.values()))
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump({"model": a.model, "method": "snip", "sparsity": a.sparsity, "batch": a.batch, "threads": a.threads,
                   "totalWeights": total, "keptWeights": kept, "loss": float(loss), "forwardBackwardSeconds": forward_backward,
                   "scoringSeconds": scoring,
                   "torch": torch.__version__}, f, indent=1)
    print(f"pytorch {torch.__version__}: {a.model} SNIP, kept {kept} of {total} weights, "
          f"forward+backward {forward_backward:.2f} s, forward+backward+scores {scoring:.2f} s, {a.threads} threads")


if __name__ == "__main__":
    main()
