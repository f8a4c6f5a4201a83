package org.pruneproof.verification.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Shrinker;

/**
 * A small convolutional network with a labelled batch: one instance of {@code crosscheck.conv-gradients}. The
 * layout, the parameters and the batch are drawn from {@code seed}, so the record is a complete, replayable
 * instance; every parameter and input value is a float32 number (drawn in double, then rounded), so that both
 * engines compute on the same numbers.
 *
 * <p>Layout: a stem (convolution with kernel 1–5, stride 1–2, padding 0 to kernel − 1, optional bias, batch
 * norm or not, ReLU or ReLU6), then {@code blocks} blocks, each one of: max pooling (after an activation, or
 * on the input as the first block), a depthwise convolution with batch norm and an activation, a residual
 * block (3×3 conv, batch norm, activation, 1×1 conv, batch norm; identity or strided 1×1 shortcut; branch
 * scale 1 or 1/√2; ReLU after the sum or not), or a strided/padded convolution with batch norm and an
 * activation; then a head: global average pooling, adaptive average pooling down (a divisor of the side) or
 * up (a multiple) then flattening, or flattening, then one or two linear layers, softmax cross-entropy.
 * Weights are He-scaled Gaussians, batch-norm γ and β and running statistics random (γ = 1, β = 0 in a
 * third of the networks), biases Gaussian.
 *
 * <p>{@code plant}: {@code none}; {@code zeros} (some output channels of convolutions have zero weights and
 * bias, and some input channels are zero: exact zeros that reach ReLUs at their kink, exact ties at 0 in max
 * pooling and batch norm of constant channels); {@code quantized} (weights and inputs rounded to multiples of
 * 1/4 of their scale: equal values, exact ties in max pooling windows, equal |W|); {@code duplicated} (image 1
 * a copy of image 0, input channel 1 a copy of channel 0).
 *
 * @param channels input channels (1–3)
 * @param side     input side (3–9)
 * @param classes  classes (2–4; ND4J's softmax_cross_entropy_loss_grad fails on one class)
 * @param batch    images (1–4)
 * @param blocks   blocks after the stem (0–3)
 * @param mode     batch-norm mode, training or inference
 * @param plant    none, zeros, quantized or duplicated
 * @param sparsity s ∈ [0, 1) for the SNIP and SBP-SR part
 * @param seed     seed of layout, parameters, batch and labels
 */
public record ConvNetInstance(int channels, int side, int classes, int batch, int blocks, String mode, String plant,
                              double sparsity, long seed) {

    private static final String[] PLANTS = {"none", "zeros", "quantized", "duplicated"};

    public ConvNetInstance {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(plant, "plant");
    }

    /** Networks and batches growing with the size. */
    public static Gen<ConvNetInstance> generator() {
        return (r, size) -> new ConvNetInstance(1 + r.nextInt(3), 3 + r.nextInt(Gens.sizedUpper(1, 7, size)),
                2 + r.nextInt(3), 1 + r.nextInt(Gens.sizedUpper(1, 4, size)), r.nextInt(Gens.sizedUpper(1, 4, size)),
                r.nextInt(4) == 0 ? "inference" : "training", PLANTS[r.nextInt(PLANTS.length)],
                r.nextInt(8) == 0 ? 0 : r.nextDouble() * 0.99, r.nextLong());
    }

    /** Fewer blocks, fewer images, fewer classes, no planted structure, a smaller input. */
    public static Shrinker<ConvNetInstance> shrinker() {
        return c -> Stream.of(
                c.blocks > 0 ? new ConvNetInstance(c.channels, c.side, c.classes, c.batch, c.blocks - 1, c.mode, c.plant, c.sparsity, c.seed) : null,
                c.batch > 1 ? new ConvNetInstance(c.channels, c.side, c.classes, c.batch - 1, c.blocks, c.mode, c.plant, c.sparsity, c.seed) : null,
                c.classes > 2 ? new ConvNetInstance(c.channels, c.side, c.classes - 1, c.batch, c.blocks, c.mode, c.plant, c.sparsity, c.seed) : null,
                !c.plant.equals("none") ? new ConvNetInstance(c.channels, c.side, c.classes, c.batch, c.blocks, c.mode, "none", c.sparsity, c.seed) : null,
                c.channels > 1 ? new ConvNetInstance(c.channels - 1, c.side, c.classes, c.batch, c.blocks, c.mode, c.plant, c.sparsity, c.seed) : null,
                c.side > 3 ? new ConvNetInstance(c.channels, c.side - 1, c.classes, c.batch, c.blocks, c.mode, c.plant, c.sparsity, c.seed) : null)
                .filter(Objects::nonNull);
    }

    /** Whether batch norm uses the batch statistics. */
    public boolean training() {
        return mode.equals("training");
    }

    /** The network's layout (drawn from the seed; always a valid architecture). */
    public Architecture architecture() {
        SplittableRandom r = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int[] shape = {channels, side};
        int[] names = {0};
        if (blocks > 0 && r.nextInt(4) == 0) {
            maxPool(layers, shape, r);
        }
        convUnit(layers, shape, r, names, 1 + r.nextInt(3), r.nextInt(2) == 0);
        for (int b = 0; b < blocks; b++) {
            switch (r.nextInt(4)) {
                case 0 -> maxPool(layers, shape, r);
                case 1 -> {
                    String n = "dw" + names[0]++;
                    layers.add(new Layer.Conv(n, shape[0], shape[0], 3, 1, 1, shape[0], false));
                    layers.add(new Layer.BatchNorm(n + ".bn", shape[0]));
                    layers.add(activation(r));
                }
                case 2 -> residual(layers, shape, r, names);
                default -> convUnit(layers, shape, r, names, 1 + r.nextInt(4), false);
            }
        }
        int features;
        switch (r.nextInt(3)) {
            case 0 -> {
                layers.add(new Layer.GlobalAvgPool());
                features = shape[0];
            }
            case 1 -> {
                int s = shape[1];
                int to = r.nextBoolean() ? divisor(s, r) : s * (1 + r.nextInt(2));
                layers.add(new Layer.AdaptiveAvgPool(to));
                layers.add(new Layer.Flatten());
                features = shape[0] * to * to;
            }
            default -> {
                layers.add(new Layer.Flatten());
                features = shape[0] * shape[1] * shape[1];
            }
        }
        if (r.nextBoolean()) {
            int hidden = 1 + r.nextInt(6);
            layers.add(new Layer.Linear("fc1", features, hidden, r.nextBoolean()));
            layers.add(new Activation(Activation.Kind.RELU));
            features = hidden;
        }
        layers.add(new Layer.Linear("fc", features, classes, r.nextBoolean()));
        return new Architecture("generated", channels, side, classes, layers);
    }

    private static Activation activation(SplittableRandom r) {
        return new Activation(r.nextInt(4) == 0 ? Activation.Kind.RELU6 : Activation.Kind.RELU);
    }

    /** Conv (+ bn) + activation with a kernel that fits the current side. */
    private static void convUnit(List<Layer> layers, int[] shape, SplittableRandom r, int[] names, int out, boolean bias) {
        int k = Math.min(1 + r.nextInt(5), shape[1] + 2);
        int pad = r.nextInt(k);
        int stride = 1 + r.nextInt(2);
        if (shape[1] + 2 * pad < k) {
            pad = (k - shape[1] + 1) / 2;
        }
        String n = "conv" + names[0]++;
        layers.add(new Layer.Conv(n, shape[0], out, k, stride, pad, 1, bias));
        if (r.nextInt(4) != 0) {
            layers.add(new Layer.BatchNorm(n + ".bn", out));
        }
        layers.add(activation(r));
        shape[0] = out;
        shape[1] = Math.floorDiv(shape[1] + 2 * pad - k, stride) + 1;
    }

    private static void maxPool(List<Layer> layers, int[] shape, SplittableRandom r) {
        int k = Math.min(2 + r.nextInt(2), shape[1]);
        if (k < 2) {
            return;
        }
        int stride = 1 + r.nextInt(2);
        int pad = r.nextInt(k / 2 + 1);
        layers.add(new Layer.MaxPool(k, stride, pad));
        shape[1] = Math.floorDiv(shape[1] + 2 * pad - k, stride) + 1;
    }

    private static void residual(List<Layer> layers, int[] shape, SplittableRandom r, int[] names) {
        String n = "block" + names[0]++;
        int stride = shape[1] >= 3 ? 1 + r.nextInt(2) : 1;
        int out = stride == 1 && r.nextBoolean() ? shape[0] : 1 + r.nextInt(4);
        List<Layer> branch = List.of(
                new Layer.Conv(n + ".conv1", shape[0], out, 3, stride, 1, 1, false),
                new Layer.BatchNorm(n + ".bn1", out),
                activation(r),
                new Layer.Conv(n + ".conv2", out, out, 1, 1, 0, 1, false),
                new Layer.BatchNorm(n + ".bn2", out));
        List<Layer> shortcut = stride == 1 && out == shape[0] ? List.of()
                : List.of(new Layer.Conv(n + ".down", shape[0], out, 1, stride, 0, 1, false));
        layers.add(new Layer.Residual(n, branch, shortcut, r.nextBoolean() ? 1 : Math.sqrt(0.5), r.nextBoolean()));
        shape[0] = out;
        shape[1] = Math.floorDiv(shape[1] + 2 - 3, stride) + 1;
    }

    private static int divisor(int s, SplittableRandom r) {
        List<Integer> d = new ArrayList<>();
        for (int k = 1; k <= s; k++) {
            if (s % k == 0) {
                d.add(k);
            }
        }
        return d.get(r.nextInt(d.size()));
    }

    /** Every parameter (buffers included) by name, flat in PyTorch layout, float32 values. */
    public Map<String, double[]> parameters() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<String, double[]> p = new LinkedHashMap<>();
        boolean unitBn = r.nextInt(3) == 0;
        for (ParameterSpec s : architecture().parameters()) {
            long[] shape = s.shape();
            double[] v = new double[(int) s.size()];
            switch (s.role()) {
                case CONV_WEIGHT, LINEAR_WEIGHT -> {
                    long fanIn = v.length / shape[0];
                    double sd = Math.sqrt(2.0 / fanIn);
                    for (int i = 0; i < v.length; i++) {
                        v[i] = value(sd * Gens.gaussian(r), sd);
                    }
                    if (plant.equals("zeros") && s.role() == ParameterSpec.Role.CONV_WEIGHT && shape[0] > 1) {
                        int dead = r.nextInt((int) shape[0]);
                        java.util.Arrays.fill(v, (int) (dead * fanIn), (int) ((dead + 1) * fanIn), 0);
                        p.put(s.layer() + ".dead", new double[] {dead});
                    }
                }
                case BIAS -> {
                    double[] dead = p.remove(s.layer() + ".dead");
                    for (int i = 0; i < v.length; i++) {
                        v[i] = dead != null && dead[0] == i ? 0 : value(0.5 * Gens.gaussian(r), 0.5);
                    }
                }
                case BN_GAMMA -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = unitBn ? 1 : value(1 + 0.3 * Gens.gaussian(r), 1);
                    }
                }
                case BN_BETA, BN_RUNNING_MEAN -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = unitBn && s.role() == ParameterSpec.Role.BN_BETA ? 0 : value(0.3 * Gens.gaussian(r), 0.3);
                    }
                }
                case BN_RUNNING_VAR -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = value(0.5 + r.nextDouble(), 1);
                    }
                }
            }
            p.put(s.name(), v);
        }
        p.keySet().removeIf(k -> k.endsWith(".dead"));
        return p;
    }

    /** The batch, NCHW, float32 values. */
    public double[] images() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        int area = side * side;
        double[] x = new double[batch * channels * area];
        for (int i = 0; i < x.length; i++) {
            x[i] = value(Gens.gaussian(r), 1);
        }
        if (plant.equals("zeros") && channels > 1) {
            int c = r.nextInt(channels);
            for (int b = 0; b < batch; b++) {
                java.util.Arrays.fill(x, (b * channels + c) * area, (b * channels + c + 1) * area, 0);
            }
        }
        if (plant.equals("duplicated")) {
            if (batch > 1) {
                System.arraycopy(x, 0, x, channels * area, channels * area);
            }
            if (channels > 1) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(x, b * channels * area, x, (b * channels + 1) * area, area);
                }
            }
        }
        return x;
    }

    /** The labels, one per image. */
    public int[] labels() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int[] y = new int[batch];
        for (int b = 0; b < batch; b++) {
            y[b] = r.nextInt(classes);
        }
        return y;
    }

    /** A value as float32; quantized to multiples of scale/4 when ties are planted. */
    private double value(double v, double scale) {
        double q = plant.equals("quantized") ? Math.round(v / (scale / 4)) * (scale / 4) : v;
        return (float) q;
    }
}
