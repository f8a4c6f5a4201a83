#!/usr/bin/env python3
"""The PyTorch side of benchmarks/sgd-side-by-side: SGD steps of the CIFAR ResNet that pruneproof calls
cifar-resnet<depth> (nets.Architectures.cifarResnet: widths 32/64/128, 3×3 convolutions without bias, batch norm
after every convolution, 1×1 projection shortcuts with batch norm where the shape changes, ReLU after each sum,
global average pooling, a linear classifier), He-initialised (N(0, 2/fan_in) weights, zero biases, γ = 1, β = 0),
on seeded N(0, 1) batches with random labels, batch norm in training mode, plain SGD on the mean softmax
cross-entropy. Prints the median time of one step (forward, backward, update) over the timed steps.

  sgd_pytorch.py --depth 32 --batch 128 --steps 20 --warmup 2 --lr 0.01 --threads 2
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = None
        if stride != 1 or inp != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, 0, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class CifarResNet(nn.Module):
    def __init__(self, depth, classes=10):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 32, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        blocks, inp = [], 32
        for stage in range(3):
            planes = 32 << stage
            for b in range(n):
                blocks.append(Block(inp, planes, 2 if (b == 0 and stage > 0) else 1))
                inp = planes
        self.blocks = nn.Sequential(*blocks)
        self.linear = nn.Linear(inp, classes)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn1(self.conv1(x))))
        return self.linear(x.mean(dim=(2, 3)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--depth", type=int, default=32)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    net = CifarResNet(a.depth)
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            nn.init.normal_(m.weight, 0.0, (2.0 / fan_in) ** 0.5)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=a.lr)
    times = []
    for t in range(a.warmup + a.steps):
        x = torch.randn(a.batch, 3, 32, 32)
        y = torch.randint(0, 10, (a.batch,))
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        if t >= a.warmup:
            times.append(time.perf_counter() - start)
    print(f"pytorch sgd step median {statistics.median(times):.4f} s over {len(times)} steps "
          f"(cifar-resnet{a.depth}, batch {a.batch}, {a.threads} threads)")


if __name__ == "__main__":
    main()
