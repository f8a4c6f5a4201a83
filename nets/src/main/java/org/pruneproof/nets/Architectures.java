package org.pruneproof.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;

/**
 * The standard architectures, defined once as {@link Architecture} descriptions.
 *
 * <ul>
 *   <li>ImageNet (3×224×224, 1000 classes), exactly torchvision's definitions: ResNet-18/34 (basic
 *       blocks), ResNet-50 (bottleneck v1.5: stride on the 3×3 conv), MobileNetV2 and VGG-19-BN (VGG
 *       convolutions carry biases; dropout is omitted, it has no parameters and pruning at
 *       initialisation does not use it).</li>
 *   <li>CIFAR-style ResNet of depth 6n+2 (3×32×32, 10 classes) as in Hayou et al.'s code
 *       ({@code models/base/resnet.py}, the batch-norm variant): a 3×3 stem of 32 channels, three
 *       stages of n basic blocks with widths <b>32/64/128</b> (the authors' widths, not He et al.'s
 *       16/32/64), a 1×1 convolution + BN shortcut where the shape changes, global average pooling.</li>
 *   <li>Stable variants (Hayou et al. 2021, Prop. 2): every residual branch is multiplied by 1/√L
 *       before the addition, L the number of residual blocks (15, 24, 51 for depth 32, 50, 104).</li>
 *   <li>The small networks of the pruning literature (1×28×28 grey-scale input, 10 classes): LeNet-300-100
 *       (LeCun et al. 1998; SNIP, Lee et al. 2019; the lottery-ticket papers) and LeNet-5 in Caffe's variant
 *       as SNIP uses it (two 5×5 convolutions of 20 and 50 channels, each followed by 2×2 max pooling and no
 *       activation, then a 500-unit ReLU layer).</li>
 * </ul>
 *
 * <p>A width multiplier w scales every channel count: {@code max(1, round(c·w))} for ResNets and
 * VGG (VGG's 4096-unit classifier too), torchvision's {@code _make_divisible(c·w, 8)} for MobileNetV2.
 * w = 1 gives the standard networks.
 */
public final class Architectures {

    /** The standard models, one registry entry each: what {@code --model} accepts, the help lists and tests iterate. */
    public static final List<String> MODELS = List.of("resnet18", "resnet34", "resnet50", "mobilenetv2", "vgg19bn",
            "cifar-resnet32", "cifar-resnet50", "cifar-resnet104", "lenet300-100", "lenet5");

    /**
     * Model names accepted by {@link #byName}: the {@link #MODELS}, then the Stable variant of each that is a ResNet
     * ({@link Architecture#isResNet()}, read from its layers).
     */
    public static final List<String> NAMES = names();

    private Architectures() {
    }

    /**
     * The architecture of a model name (see {@link #NAMES}) at its default input size (224 for
     * ImageNet models, 32 for CIFAR-style ones, 28 for the LeNets) and class count (1000, 10, 10).
     *
     * @throws IllegalArgumentException for an unknown name, naming the known ones
     */
    public static Architecture byName(String model, double width) {
        return byName(model, width, 0);
    }

    /**
     * The architecture of a model name with another number of classes (the output width of its last linear
     * layer), e.g. a torchvision network fine-tuned on a 10-class data set; {@code classes = 0} keeps the default.
     *
     * @throws IllegalArgumentException for an unknown name or a negative class count
     */
    public static Architecture byName(String model, double width, int classes) {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be ≥ 1, got " + classes);
        }
        int imagenet = classes == 0 ? 1000 : classes;
        int cifar = classes == 0 ? 10 : classes;
        String m = model.toLowerCase(Locale.ROOT);
        boolean stable = m.startsWith("stable-");
        String base = stable ? m.substring("stable-".length()) : m;
        switch (base) {
            case "resnet18": return resnet(18, width, imagenet, stable);
            case "resnet34": return resnet(34, width, imagenet, stable);
            case "resnet50": return resnet(50, width, imagenet, stable);
            default: break;
        }
        if (base.startsWith("cifar-resnet")) {
            try {
                return cifarResnet(Integer.parseInt(base.substring("cifar-resnet".length())), width, cifar, stable);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        if (!stable && base.equals("mobilenetv2")) {
            return mobileNetV2(width, imagenet);
        }
        if (!stable && base.equals("vgg19bn")) {
            return vgg19bn(width, imagenet);
        }
        if (!stable && base.equals("lenet300-100")) {
            return lenet300100(width, cifar);
        }
        if (!stable && base.equals("lenet5")) {
            return lenet5(width, cifar);
        }
        throw new IllegalArgumentException("unknown model '" + model + "'; expected one of " + String.join(", ", NAMES));
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(MODELS);
        for (String m : MODELS) {
            if (byName(m, 1).isResNet()) {
                names.add(stableName(m));
            }
        }
        return List.copyOf(names);
    }

    /** The Stable variant of a ResNet model name ({@code resnet50 → stable-resnet50}); unchanged if already stable. */
    public static String stableName(String model) {
        return model.startsWith("stable-") ? model : "stable-" + model;
    }

    /** ImageNet ResNet-18, -34 (basic blocks) or -50 (bottlenecks), torchvision's definition. */
    public static Architecture resnet(int depth, double width, int classes, boolean stable) {
        int[] blocks;
        boolean bottleneck;
        switch (depth) {
            case 18 -> { blocks = new int[] {2, 2, 2, 2}; bottleneck = false; }
            case 34 -> { blocks = new int[] {3, 4, 6, 3}; bottleneck = false; }
            case 50 -> { blocks = new int[] {3, 4, 6, 3}; bottleneck = true; }
            default -> throw new IllegalArgumentException("ImageNet ResNet depth must be 18, 34 or 50, got " + depth);
        }
        requireWidth(width);
        int expansion = bottleneck ? 4 : 1;
        int totalBlocks = blocks[0] + blocks[1] + blocks[2] + blocks[3];
        double scale = stable ? 1 / Math.sqrt(totalBlocks) : 1;
        List<Layer> layers = new ArrayList<>();
        int inplanes = scaled(64, width);
        layers.add(new Conv("conv1", 3, inplanes, 7, 2, 3, 1, false));
        layers.add(new BatchNorm("bn1", inplanes));
        layers.add(new Activation(Activation.Kind.RELU));
        layers.add(new MaxPool(3, 2, 1));
        for (int stage = 0; stage < 4; stage++) {
            int planes = scaled(64 << stage, width);
            for (int b = 0; b < blocks[stage]; b++) {
                String p = "layer" + (stage + 1) + "." + b;
                int stride = (b == 0 && stage > 0) ? 2 : 1;
                List<Layer> branch = bottleneck ? bottleneck(p, inplanes, planes, stride) : basic(p, inplanes, planes, stride);
                List<Layer> shortcut = List.of();
                if (stride != 1 || inplanes != planes * expansion) {
                    shortcut = List.of(new Conv(p + ".downsample.0", inplanes, planes * expansion, 1, stride, 0, 1, false),
                            new BatchNorm(p + ".downsample.1", planes * expansion));
                }
                layers.add(new Residual(p, branch, shortcut, scale, true));
                inplanes = planes * expansion;
            }
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Linear("fc", inplanes, classes, true));
        return new Architecture((stable ? "stable-" : "") + "resnet" + depth, 3, 224, classes, layers);
    }

    private static List<Layer> basic(String p, int in, int planes, int stride) {
        return List.of(new Conv(p + ".conv1", in, planes, 3, stride, 1, 1, false), new BatchNorm(p + ".bn1", planes),
                new Activation(Activation.Kind.RELU),
                new Conv(p + ".conv2", planes, planes, 3, 1, 1, 1, false), new BatchNorm(p + ".bn2", planes));
    }

    private static List<Layer> bottleneck(String p, int in, int planes, int stride) {
        return List.of(new Conv(p + ".conv1", in, planes, 1, 1, 0, 1, false), new BatchNorm(p + ".bn1", planes),
                new Activation(Activation.Kind.RELU),
                new Conv(p + ".conv2", planes, planes, 3, stride, 1, 1, false), new BatchNorm(p + ".bn2", planes),
                new Activation(Activation.Kind.RELU),
                new Conv(p + ".conv3", planes, planes * 4, 1, 1, 0, 1, false), new BatchNorm(p + ".bn3", planes * 4));
    }

    /**
     * CIFAR-style ResNet of depth 6n+2 as in Hayou et al.'s code: widths 32/64/128 (times the width
     * multiplier), batch norm after every convolution, stable variant with branch ÷ √(3n).
     */
    public static Architecture cifarResnet(int depth, double width, int classes, boolean stable) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n+2 with n ≥ 1, got " + depth);
        }
        requireWidth(width);
        int n = (depth - 2) / 6;
        double scale = stable ? 1 / Math.sqrt(3.0 * n) : 1;
        List<Layer> layers = new ArrayList<>();
        int in = scaled(32, width);
        layers.add(new Conv("conv1", 3, in, 3, 1, 1, 1, false));
        layers.add(new BatchNorm("bn1", in));
        layers.add(new Activation(Activation.Kind.RELU));
        for (int stage = 0; stage < 3; stage++) {
            int planes = scaled(32 << stage, width);
            for (int b = 0; b < n; b++) {
                String p = "layer" + (stage + 1) + "." + b;
                int stride = (b == 0 && stage > 0) ? 2 : 1;
                List<Layer> shortcut = List.of();
                if (stride != 1 || in != planes) {
                    shortcut = List.of(new Conv(p + ".downsample", in, planes, 1, stride, 0, 1, false),
                            new BatchNorm(p + ".bn3", planes));
                }
                layers.add(new Residual(p, basic(p, in, planes, stride), shortcut, scale, true));
                in = planes;
            }
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Linear("linear", in, classes, true));
        return new Architecture((stable ? "stable-" : "") + "cifar-resnet" + depth, 3, 32, classes, layers);
    }

    /** torchvision's MobileNetV2 (inverted residuals, ReLU6, last 1×1 conv of 1280·max(1, w) channels). */
    public static Architecture mobileNetV2(double width, int classes) {
        requireWidth(width);
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        List<Layer> layers = new ArrayList<>();
        int in = makeDivisible(32 * width);
        int last = makeDivisible(1280 * Math.max(1.0, width));
        layers.add(new Conv("features.0.0", 3, in, 3, 2, 1, 1, false));
        layers.add(new BatchNorm("features.0.1", in));
        layers.add(new Activation(Activation.Kind.RELU6));
        int index = 1;
        for (int[] s : settings) {
            int out = makeDivisible(s[1] * width);
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                String p = "features." + index;
                int hidden = (int) Math.round(in * (double) s[0]);
                List<Layer> block = new ArrayList<>();
                int c = 0;
                if (s[0] != 1) {
                    block.add(new Conv(p + ".conv." + c + ".0", in, hidden, 1, 1, 0, 1, false));
                    block.add(new BatchNorm(p + ".conv." + c + ".1", hidden));
                    block.add(new Activation(Activation.Kind.RELU6));
                    c++;
                }
                block.add(new Conv(p + ".conv." + c + ".0", hidden, hidden, 3, stride, 1, hidden, false));
                block.add(new BatchNorm(p + ".conv." + c + ".1", hidden));
                block.add(new Activation(Activation.Kind.RELU6));
                c++;
                block.add(new Conv(p + ".conv." + c, hidden, out, 1, 1, 0, 1, false));
                block.add(new BatchNorm(p + ".conv." + (c + 1), out));
                if (stride == 1 && in == out) {
                    layers.add(new Residual(p, block, List.of(), 1, false));
                } else {
                    layers.addAll(block);
                }
                in = out;
                index++;
            }
        }
        String p = "features." + index;
        layers.add(new Conv(p + ".0", in, last, 1, 1, 0, 1, false));
        layers.add(new BatchNorm(p + ".1", last));
        layers.add(new Activation(Activation.Kind.RELU6));
        layers.add(new GlobalAvgPool());
        layers.add(new Linear("classifier.1", last, classes, true));
        return new Architecture("mobilenetv2", 3, 224, classes, layers);
    }

    /** torchvision's VGG-19 with batch norm (configuration E), adaptive 7×7 pooling, 4096-4096 classifier. */
    public static Architecture vgg19bn(double width, int classes) {
        requireWidth(width);
        int[] cfg = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0};
        List<Layer> layers = new ArrayList<>();
        int in = 3;
        int i = 0;
        for (int v : cfg) {
            if (v == 0) {
                layers.add(new MaxPool(2, 2, 0));
                i++;
            } else {
                int out = scaled(v, width);
                layers.add(new Conv("features." + i, in, out, 3, 1, 1, 1, true));
                layers.add(new BatchNorm("features." + (i + 1), out));
                layers.add(new Activation(Activation.Kind.RELU));
                i += 3;
                in = out;
            }
        }
        int hidden = scaled(4096, width);
        layers.add(new AdaptiveAvgPool(7));
        layers.add(new Flatten());
        layers.add(new Linear("classifier.0", in * 49, hidden, true));
        layers.add(new Activation(Activation.Kind.RELU));
        layers.add(new Linear("classifier.3", hidden, hidden, true));
        layers.add(new Activation(Activation.Kind.RELU));
        layers.add(new Linear("classifier.6", hidden, classes, true));
        return new Architecture("vgg19bn", 3, 224, classes, layers);
    }

    /**
     * LeNet-300-100 (LeCun et al. 1998): 784-300-100-classes fully connected, ReLU, on a 1×28×28 image flattened in
     * row order. Parameter names as a PyTorch user writes the module ({@code fc1}, {@code fc2}, {@code fc3}, each
     * {@code nn.Linear} with bias); 266 610 parameters at width 1 and 10 classes.
     */
    public static Architecture lenet300100(double width, int classes) {
        requireWidth(width);
        int h1 = scaled(300, width);
        int h2 = scaled(100, width);
        return new Architecture("lenet300-100", 1, 28, classes, List.of(new Flatten(),
                new Linear("fc1", 28 * 28, h1, true), new Activation(Activation.Kind.RELU),
                new Linear("fc2", h1, h2, true), new Activation(Activation.Kind.RELU),
                new Linear("fc3", h2, classes, true)));
    }

    /**
     * LeNet-5 as in Caffe's {@code lenet_train_test.prototxt} and SNIP (Lee et al. 2019): {@code conv1} 20 filters
     * 5×5, max pooling 2×2, {@code conv2} 50 filters 5×5, max pooling 2×2 (no activation after the convolutions, as in
     * Caffe), {@code fc1} 800→500, ReLU, {@code fc2} 500→classes; every layer with bias; a 1×28×28 input
     * (28 → 24 → 12 → 8 → 4, so 50·4·4 = 800 features). 431 080 parameters at width 1 and 10 classes.
     */
    public static Architecture lenet5(double width, int classes) {
        requireWidth(width);
        int c1 = scaled(20, width);
        int c2 = scaled(50, width);
        int f = scaled(500, width);
        return new Architecture("lenet5", 1, 28, classes, List.of(
                new Conv("conv1", 1, c1, 5, 1, 0, 1, true), new MaxPool(2, 2, 0),
                new Conv("conv2", c1, c2, 5, 1, 0, 1, true), new MaxPool(2, 2, 0),
                new Flatten(), new Linear("fc1", c2 * 16, f, true), new Activation(Activation.Kind.RELU),
                new Linear("fc2", f, classes, true)));
    }

    /** {@code max(1, round(c·w))}. */
    public static int scaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }

    /** torchvision's {@code _make_divisible(v, 8)}: nearest multiple of 8, at least 8, not below 0.9·v. */
    public static int makeDivisible(double v) {
        int nv = Math.max(8, (int) (v + 4) / 8 * 8);
        if (nv < 0.9 * v) {
            nv += 8;
        }
        return nv;
    }

    private static void requireWidth(double width) {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width multiplier must be positive and finite, got " + width);
        }
    }
}
