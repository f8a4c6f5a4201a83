#!/usr/bin/env python3
"""Test fixtures for pruneproof's weight import, made by PyTorch (independent of the Java code under test).

Run with Debian's PyTorch (apt-get install python3-torch python3-torchvision; PyTorch 1.13, torchvision 0.14):

    /usr/bin/python3 tools/make_weight_fixtures.py scaled/src/test/resources/org/pruneproof/scaled/weights

Writes into the folder:
  names/<model>.txt          torchvision's state_dict keys and shapes ("name d0,d1,..."), one per line, for
                             resnet18, resnet34, resnet50, mobilenet_v2, vgg19_bn (random init, nothing downloaded)
  mobilenetv2-w0.25-c10.safetensors   torchvision mobilenet_v2(width_mult=0.25, num_classes=10), float32,
                             batch-norm weight/bias/running stats drawn away from their defaults
  cifar-resnet8-w0.25-c10/   the CIFAR ResNet of Hayou et al.'s code (depth 8, widths 8/16/32), one <name>.npy per tensor
  stable-cifar-resnet8-w0.25-c10/     the same weights' Stable variant (branches scaled by 1/sqrt(3n))
  images-32.npy              4 input images [4, 3, 32, 32] float32
  resnet18-w0.125-c10.safetensors, resnet50-w0.0625-c10.safetensors, vgg19bn-w0.03125-c10.safetensors
                             torchvision's ResNet-18, ResNet-50 and VGG-19-BN code (its blocks and make_layers) at reduced
                             widths, 10 classes, batch-norm statistics of data (calibrate: train-mode passes)
  mobilenetv2-w0.25-c10-calibrated.safetensors   the same kind of statistics for torchvision's MobileNetV2 (the
                             first MobileNetV2 fixture's random statistics saturate its ReLU6s, so its early batch norms
                             barely reach the logits)
  lenet5-c10.safetensors     LeNet-5 (Caffe's variant) as a PyTorch module conv1, conv2, fc1, fc2; images-gray-28.npy its
                             4 input images [4, 1, 28, 28]
  <fixture>.logits.npy       logits in eval mode (batch norm from the running statistics), float32
The safetensors file is written by hand from the format's description (8-byte little-endian header length,
JSON header padded with spaces to a multiple of 8, raw little-endian data), since Debian packages no
safetensors module.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torchvision

torch.manual_seed(20201)
out = sys.argv[1]
os.makedirs(os.path.join(out, "names"), exist_ok=True)


def names(model, file):
    with open(os.path.join(out, "names", file), "w") as f:
        for k, v in model.state_dict().items():
            f.write("%s %s\n" % (k, ",".join(str(d) for d in v.shape)))


for name, ctor in [("resnet18", torchvision.models.resnet18), ("resnet34", torchvision.models.resnet34),
                   ("resnet50", torchvision.models.resnet50), ("mobilenetv2", torchvision.models.mobilenet_v2),
                   ("vgg19bn", torchvision.models.vgg19_bn)]:
    names(ctor(), name + ".txt")


def perturb_bn(model):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.3, 0.3)
                m.running_var.uniform_(0.5, 2.0)


def save_safetensors(path, state):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for k, v in state.items():
        a = v.detach().cpu().contiguous().numpy()
        dtype = {np.dtype("float32"): "F32", np.dtype("int64"): "I64"}[a.dtype]
        b = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[k] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def save_npy_folder(path, state):
    os.makedirs(path, exist_ok=True)
    for k, v in state.items():
        np.save(os.path.join(path, k + ".npy"), v.detach().cpu().numpy())


images = torch.randn(4, 3, 32, 32)
np.save(os.path.join(out, "images-32.npy"), images.numpy().astype(np.float32))

mnv2 = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10)
perturb_bn(mnv2)
mnv2.eval()
save_safetensors(os.path.join(out, "mobilenetv2-w0.25-c10.safetensors"), mnv2.state_dict())
with torch.no_grad():
    np.save(os.path.join(out, "mobilenetv2-w0.25-c10.logits.npy"), mnv2(images).numpy())


class Block(nn.Module):
    """A basic block of Hayou et al.'s CIFAR ResNet (models/base/resnet.py, batch-norm variant)."""

    def __init__(self, inp, planes, stride, scale):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.scale = scale
        self.has_shortcut = stride != 1 or inp != planes
        if self.has_shortcut:
            self.downsample = nn.Conv2d(inp, planes, 1, stride, 0, bias=False)
            self.bn3 = nn.BatchNorm2d(planes)

    def forward(self, x):
        y = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        s = self.bn3(self.downsample(x)) if self.has_shortcut else x
        return torch.relu(self.scale * y + s)


class CifarResNet(nn.Module):
    def __init__(self, depth, widths, classes, stable):
        super().__init__()
        n = (depth - 2) // 6
        scale = 1 / (3 * n) ** 0.5 if stable else 1.0
        self.conv1 = nn.Conv2d(3, widths[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        inp = widths[0]
        for s, planes in enumerate(widths):
            blocks = []
            for b in range(n):
                blocks.append(Block(inp, planes, 2 if (b == 0 and s > 0) else 1, scale))
                inp = planes
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*blocks))
        self.linear = nn.Linear(inp, classes)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.linear(x.mean(dim=(2, 3)))


for stable in (False, True):
    torch.manual_seed(7)
    net = CifarResNet(8, (8, 16, 32), 10, stable)
    perturb_bn(net)
    net.eval()
    tag = ("stable-" if stable else "") + "cifar-resnet8-w0.25-c10"
    save_npy_folder(os.path.join(out, tag), net.state_dict())
    with torch.no_grad():
        np.save(os.path.join(out, tag + ".logits.npy"), net(images).numpy())
print("wrote", out)

# Grey-scale preprocessing (scaled.data.ImagePreprocessing.grayscaleToChw): pad 28x28 by 2 black pixels each
# side to 32x32, bilinear resize (align_corners=False) to S, normalise with Fashion-MNIST's mean and std.
gray = torch.randint(0, 256, (28, 28), dtype=torch.int32)
np.save(os.path.join(out, "gray-28.npy"), gray.numpy().astype(np.int32))
canvas = torch.nn.functional.pad(gray.float() / 255.0, (2, 2, 2, 2))[None, None]
for s in (32, 48, 224):
    img = canvas if s == 32 else torch.nn.functional.interpolate(canvas, size=(s, s), mode="bilinear", align_corners=False)
    np.save(os.path.join(out, "gray-28-to-%d.npy" % s), ((img[0, 0] - 0.2860) / 0.3530).numpy().astype(np.float32))

# Two SGD steps in training mode (scaled.training.Training / Sgd): the cifar-resnet8 fixture above, the 4 images with
# labels 1, 3, 5, 7, torch.optim.SGD(lr=0.1, momentum=0.9, weight_decay=5e-4), mean cross-entropy, batch norm in
# training mode (running statistics updated with momentum 0.1 and the unbiased variance).
torch.manual_seed(7)
net = CifarResNet(8, (8, 16, 32), 10, False)
perturb_bn(net)
net.train()
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
labels = torch.tensor([1, 3, 5, 7])
for step in range(2):
    opt.zero_grad()
    torch.nn.functional.cross_entropy(net(images), labels).backward()
    opt.step()
save_npy_folder(os.path.join(out, "cifar-resnet8-w0.25-c10-after-2-sgd-steps"), net.state_dict())

# torchvision's own ResNet and VGG code at reduced widths (pruneproof's --width-multiplier), non-trivial batch-norm
# statistics, 10 classes, logits in eval mode on images-32.npy. The widths are set through torchvision's own
# ResNet._make_layer and vgg.make_layers, so the blocks, their forward passes and the state_dict names are torchvision's.
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet
from torchvision.models.vgg import VGG, make_layers


def torchvision_resnet(block, layers, width, classes):
    m = ResNet(block, layers, num_classes=classes)
    w = [max(1, int(round(c * width))) for c in (64, 128, 256, 512)]
    m.inplanes = w[0]
    m.conv1 = nn.Conv2d(3, w[0], kernel_size=7, stride=2, padding=3, bias=False)
    m.bn1 = nn.BatchNorm2d(w[0])
    m.layer1 = m._make_layer(block, w[0], layers[0])
    m.layer2 = m._make_layer(block, w[1], layers[1], stride=2)
    m.layer3 = m._make_layer(block, w[2], layers[2], stride=2)
    m.layer4 = m._make_layer(block, w[3], layers[3], stride=2)
    m.fc = nn.Linear(w[3] * block.expansion, classes)
    return m


def torchvision_vgg19bn(width, classes):
    cfg = [v if v == "M" else max(1, int(round(v * width))) for v in
           [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"]]
    m = VGG(make_layers(cfg, batch_norm=True), num_classes=classes)
    hidden = max(1, int(round(4096 * width)))
    m.classifier = nn.Sequential(nn.Linear(cfg[-2] * 49, hidden), nn.ReLU(True), nn.Dropout(), nn.Linear(hidden, hidden),
                                 nn.ReLU(True), nn.Dropout(), nn.Linear(hidden, classes))
    return m


def calibrate(model, seed):
    """Running statistics of data, as after training: gamma, beta drawn away from 1, 0, then the running mean and
    variance set to the cumulative batch statistics (momentum None) of 4 batches of 16 random images in train mode.
    Unlike perturb_bn's random statistics, these normalise the activations the network really has, so no ReLU6 or
    ReLU is saturated by blown-up activations and every batch norm's statistics reach the logits."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5, generator=g)
                m.bias.uniform_(-0.2, 0.2, generator=g)
                m.reset_running_stats()
                m.momentum = None
        model.train()
        for _ in range(4):
            model(torch.randn(16, 3, 32, 32, generator=g))
    model.eval()


for tag, ctor in [("resnet18-w0.125-c10", lambda: torchvision_resnet(BasicBlock, [2, 2, 2, 2], 0.125, 10)),
                  ("resnet50-w0.0625-c10", lambda: torchvision_resnet(Bottleneck, [3, 4, 6, 3], 0.0625, 10)),
                  ("vgg19bn-w0.03125-c10", lambda: torchvision_vgg19bn(0.03125, 10)),
                  ("mobilenetv2-w0.25-c10-calibrated", lambda: torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10))]:
    torch.manual_seed(11)
    net = ctor()
    calibrate(net, 13)
    save_safetensors(os.path.join(out, tag + ".safetensors"), net.state_dict())
    with torch.no_grad():
        np.save(os.path.join(out, tag + ".logits.npy"), net(images).numpy())


# LeNet-5 (Caffe's variant, as SNIP uses it) as a PyTorch user writes it, on 1x28x28 images, as safetensors.
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 50, 5)
        self.fc1 = nn.Linear(800, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = torch.max_pool2d(self.conv2(torch.max_pool2d(self.conv1(x), 2)), 2)
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


torch.manual_seed(12)
lenet = LeNet5().eval()
gray_images = torch.randn(4, 1, 28, 28)
np.save(os.path.join(out, "images-gray-28.npy"), gray_images.numpy().astype(np.float32))
save_safetensors(os.path.join(out, "lenet5-c10.safetensors"), lenet.state_dict())
with torch.no_grad():
    np.save(os.path.join(out, "lenet5-c10.logits.npy"), lenet(gray_images).numpy())
print("wrote the torchvision ResNet/VGG and LeNet-5 fixtures")
