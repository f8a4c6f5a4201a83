package org.pruneproof.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.ParameterSpec.Role;

/**
 * A network as a description: its layers, input shape ({@code inputChannels × inputSize × inputSize})
 * and number of classes. Parameter lists, parameter counts and per-layer costs are computed from the
 * description alone, allocating no weights (VGG-19-BN's 143 M parameters are counted in microseconds);
 * each engine builds its graph from the same description (the ND4J engine: {@code scaled.nets.NetworkGraph}).
 */
public record Architecture(String name, int inputChannels, int inputSize, int classes, List<Layer> layers) {

    public Architecture {
        layers = List.copyOf(layers);
        if (inputChannels < 1 || inputSize < 1 || classes < 1) {
            throw new IllegalArgumentException(name + ": input channels, input size and classes must be ≥ 1, got "
                    + inputChannels + ", " + inputSize + ", " + classes);
        }
        Set<String> seen = new HashSet<>();
        for (ParameterSpec p : parameters(layers)) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(name + ": duplicate parameter name " + p.name());
            }
        }
        walk(layers, new int[] {inputChannels, inputSize, inputSize}, (l, in, out) -> { });
    }

    /** This architecture with another input size (the spatial side of the square input). */
    public Architecture withInputSize(int size) {
        return new Architecture(name, inputChannels, size, classes, layers);
    }

    /** This architecture with other layers (after channel surgery). */
    public Architecture withLayers(List<Layer> newLayers) {
        return new Architecture(name, inputChannels, inputSize, classes, newLayers);
    }

    /**
     * Whether this is a ResNet in Hayou et al.'s sense: it has residual blocks with a ReLU after the addition
     * (He et al.'s blocks, whose Stable variant scales each branch by 1/√L). MobileNetV2's inverted residual
     * blocks add without a ReLU (a linear bottleneck) and do not count. Read from the layers, not the name.
     */
    public boolean isResNet() {
        return layers.stream().anyMatch(l -> l instanceof Residual r && r.reluAfter());
    }

    /** Every parameter tensor, in forward order (PyTorch's {@code state_dict} order). */
    public List<ParameterSpec> parameters() {
        return parameters(layers);
    }

    /** Number of trainable parameters (weights, biases, batch-norm γ and β; not running statistics). */
    public long trainableParameterCount() {
        long n = 0;
        for (ParameterSpec p : parameters()) {
            if (p.trainable()) {
                n += p.size();
            }
        }
        return n;
    }

    /** Number of prunable weights M (all convolution and linear weights). */
    public long prunableWeightCount() {
        long n = 0;
        for (ParameterSpec p : parameters()) {
            if (p.prunable()) {
                n += p.size();
            }
        }
        return n;
    }

    /** Per-layer parameters and multiply–accumulates per image, in forward order (parameterised layers only). */
    public List<LayerCost> costs() {
        List<LayerCost> costs = new ArrayList<>();
        walk(layers, new int[] {inputChannels, inputSize, inputSize}, (l, in, out) -> l.accept(new Layer.Visitor<Void>() {
            public Void conv(Conv c) {
                long params = c.weightCount() + (c.bias() ? c.out() : 0);
                long macs = (long) out[1] * out[2] * c.weightCount();
                costs.add(new LayerCost(c.name(), c.depthwise() ? "depthwise-conv" : "conv", c.out(), params, macs));
                return null;
            }

            public Void linear(Linear f) {
                long params = (long) f.in() * f.out() + (f.bias() ? f.out() : 0);
                costs.add(new LayerCost(f.name(), "linear", f.out(), params, (long) f.in() * f.out()));
                return null;
            }

            public Void batchNorm(BatchNorm b) {
                costs.add(new LayerCost(b.name(), "batchnorm", b.channels(), 2L * b.channels(), 0));
                return null;
            }

            public Void activation(Activation a) {
                return null;
            }

            public Void maxPool(MaxPool p) {
                return null;
            }

            public Void adaptiveAvgPool(AdaptiveAvgPool a) {
                return null;
            }

            public Void globalAvgPool(GlobalAvgPool g) {
                return null;
            }

            public Void flatten(Flatten f) {
                return null;
            }

            public Void residual(Residual r) {
                return null;  // its layers are visited by the walk itself
            }
        }));
        return costs;
    }

    /** Total multiply–accumulates per image. */
    public long macs() {
        return costs().stream().mapToLong(LayerCost::macs).sum();
    }

    /** Shape of the output ({@code [classes]} for a well-formed classifier). */
    public int[] outputShape() {
        return walk(layers, new int[] {inputChannels, inputSize, inputSize}, (l, in, out) -> { });
    }

    /** Visits each layer with its input and output shape (per image: {@code [C, H, W]} or {@code [F]}). */
    @FunctionalInterface
    public interface ShapeVisitor {
        void visit(Layer layer, int[] in, int[] out);
    }

    /** Walks layers in forward order (residual: branch, then shortcut), returning the output shape. */
    public static int[] walk(List<Layer> layers, int[] shape, ShapeVisitor visitor) {
        int[] s = shape;
        for (Layer l : layers) {
            int[] out = outputShape(l, s, visitor);
            visitor.visit(l, s, out);
            s = out;
        }
        return s;
    }

    private static int[] outputShape(Layer l, int[] in, ShapeVisitor visitor) {
        return l.accept(new Layer.Visitor<int[]>() {
            public int[] conv(Conv c) {
                String where = "layer " + c.name();
                requireImage(in, where);
                if (in[0] != c.in()) {
                    throw new IllegalArgumentException(where + ": expects " + c.in() + " input channels, gets " + in[0]);
                }
                int h = Math.floorDiv(in[1] + 2 * c.padding() - c.kernel(), c.stride()) + 1;
                int w = Math.floorDiv(in[2] + 2 * c.padding() - c.kernel(), c.stride()) + 1;
                requireSpatial(h, w, where);
                return new int[] {c.out(), h, w};
            }

            public int[] batchNorm(BatchNorm b) {
                if (in[0] != b.channels()) {
                    throw new IllegalArgumentException("layer " + b.name() + ": expects " + b.channels() + " channels, gets " + in[0]);
                }
                return in;
            }

            public int[] activation(Activation a) {
                return in;
            }

            public int[] maxPool(MaxPool p) {
                String where = p.toString();
                requireImage(in, where);
                int h = Math.floorDiv(in[1] + 2 * p.padding() - p.kernel(), p.stride()) + 1;
                int w = Math.floorDiv(in[2] + 2 * p.padding() - p.kernel(), p.stride()) + 1;
                requireSpatial(h, w, where);
                return new int[] {in[0], h, w};
            }

            public int[] adaptiveAvgPool(AdaptiveAvgPool a) {
                String where = a.toString();
                requireImage(in, where);
                int h = in[1];
                if (in[1] != in[2] || !(h % a.size() == 0 || a.size() % h == 0)) {
                    throw new IllegalArgumentException(where + ": adaptive pooling of a " + in[1] + "×" + in[2]
                            + " map to " + a.size() + "×" + a.size() + " needs a square map whose side divides or is a multiple of "
                            + a.size() + " (choose another input size)");
                }
                return new int[] {in[0], a.size(), a.size()};
            }

            public int[] globalAvgPool(GlobalAvgPool g) {
                requireImage(in, g.toString());
                return new int[] {in[0]};
            }

            public int[] flatten(Flatten f) {
                return new int[] {Arrays.stream(in).reduce(1, (x, y) -> x * y)};
            }

            public int[] linear(Linear f) {
                if (in.length != 1 || in[0] != f.in()) {
                    throw new IllegalArgumentException("layer " + f.name() + ": expects " + f.in() + " features, gets shape "
                            + Arrays.toString(in));
                }
                return new int[] {f.out()};
            }

            public int[] residual(Residual r) {
                int[] b = walk(r.branch(), in, visitor);
                int[] s = walk(r.shortcut(), in, visitor);
                if (!Arrays.equals(b, s)) {
                    throw new IllegalArgumentException("block " + r.name() + ": branch output " + Arrays.toString(b)
                            + " does not match shortcut output " + Arrays.toString(s));
                }
                return b;
            }
        });
    }

    private static void requireImage(int[] in, String where) {
        if (in.length != 3) {
            throw new IllegalArgumentException(where + ": expects an image [C, H, W], gets " + Arrays.toString(in));
        }
    }

    private static void requireSpatial(int h, int w, String where) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(where + ": the input is too small (output would be " + h + "×" + w
                    + "); use a larger input size");
        }
    }

    private static List<ParameterSpec> parameters(List<Layer> layers) {
        List<ParameterSpec> out = new ArrayList<>();
        addParameters(layers, out);
        return out;
    }

    private static void addParameters(List<Layer> layers, List<ParameterSpec> out) {
        for (Layer l : layers) {
            l.accept(new Layer.Visitor<Void>() {
                public Void conv(Conv c) {
                    out.add(new ParameterSpec(c.name() + ".weight", c.name(),
                            new long[] {c.out(), c.inPerGroup(), c.kernel(), c.kernel()}, Role.CONV_WEIGHT));
                    if (c.bias()) {
                        out.add(new ParameterSpec(c.name() + ".bias", c.name(), new long[] {c.out()}, Role.BIAS));
                    }
                    return null;
                }

                public Void linear(Linear f) {
                    out.add(new ParameterSpec(f.name() + ".weight", f.name(), new long[] {f.out(), f.in()}, Role.LINEAR_WEIGHT));
                    if (f.bias()) {
                        out.add(new ParameterSpec(f.name() + ".bias", f.name(), new long[] {f.out()}, Role.BIAS));
                    }
                    return null;
                }

                public Void batchNorm(BatchNorm b) {
                    long[] s = {b.channels()};
                    out.add(new ParameterSpec(b.name() + ".weight", b.name(), s, Role.BN_GAMMA));
                    out.add(new ParameterSpec(b.name() + ".bias", b.name(), s, Role.BN_BETA));
                    out.add(new ParameterSpec(b.name() + ".running_mean", b.name(), s, Role.BN_RUNNING_MEAN));
                    out.add(new ParameterSpec(b.name() + ".running_var", b.name(), s, Role.BN_RUNNING_VAR));
                    return null;
                }

                public Void residual(Residual r) {
                    addParameters(r.branch(), out);
                    addParameters(r.shortcut(), out);
                    return null;
                }

                public Void activation(Activation a) {
                    return null;
                }

                public Void maxPool(MaxPool p) {
                    return null;
                }

                public Void adaptiveAvgPool(AdaptiveAvgPool a) {
                    return null;
                }

                public Void globalAvgPool(GlobalAvgPool g) {
                    return null;
                }

                public Void flatten(Flatten f) {
                    return null;
                }
            });
        }
    }

}
