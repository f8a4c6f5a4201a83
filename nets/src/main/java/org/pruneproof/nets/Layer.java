package org.pruneproof.nets;

import java.util.List;

/**
 * One layer of a network's architecture description: a small, immutable intermediate form from which
 * the parameter list, the parameter and MAC counts, each engine's graph (the ND4J engine's SameDiff graph) and
 * the channel surgery are all derived, so that the architecture is defined once ({@link Architectures}). The kinds
 * form a sealed hierarchy handled through {@link Visitor}.
 *
 * <p>Tensors are NCHW. Parameter names follow PyTorch's {@code state_dict} keys: a layer named
 * {@code layer1.0.conv1} owns {@code layer1.0.conv1.weight}.
 */
public sealed interface Layer {

    /** Calls the visitor's method for this layer's kind. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per layer kind. Code that handles layers implements all of them, so a new kind that some
     * code does not handle is a compile error, not a run-time surprise.
     *
     * @param <R> what the visit returns
     */
    interface Visitor<R> {
        R conv(Conv c);

        R batchNorm(BatchNorm b);

        R activation(Activation a);

        R maxPool(MaxPool p);

        R adaptiveAvgPool(AdaptiveAvgPool a);

        R globalAvgPool(GlobalAvgPool g);

        R flatten(Flatten f);

        R linear(Linear f);

        R residual(Residual r);
    }

    /**
     * 2-D convolution, PyTorch layout {@code [out, in/groups, k, k]} (square kernel, symmetric padding).
     * {@code groups = in = out} is a depthwise convolution; other group counts are not supported.
     */
    record Conv(String name, int in, int out, int kernel, int stride, int padding, int groups, boolean bias)
            implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.conv(this);
        }

        public Conv {
            requirePositive(name, "in", in);
            requirePositive(name, "out", out);
            requirePositive(name, "kernel", kernel);
            requirePositive(name, "stride", stride);
            if (padding < 0) {
                throw new IllegalArgumentException(name + ": padding must be ≥ 0, got " + padding);
            }
            if (groups != 1 && !(groups == in && groups == out)) {
                throw new IllegalArgumentException(name + ": only groups = 1 or depthwise (groups = in = out) supported, got groups="
                        + groups + " in=" + in + " out=" + out);
            }
        }

        /** Whether this is a depthwise convolution. */
        public boolean depthwise() {
            return groups != 1;
        }

        /** Input channels seen by one output channel ({@code in/groups}). */
        public int inPerGroup() {
            return in / groups;
        }

        /** Number of weights, {@code out·(in/groups)·k²}. */
        public long weightCount() {
            return (long) out * inPerGroup() * kernel * kernel;
        }
    }

    /** Batch normalisation over the channel axis (γ, β trainable; running mean and variance are buffers). */
    record BatchNorm(String name, int channels) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batchNorm(this);
        }

        public BatchNorm {
            requirePositive(name, "channels", channels);
        }
    }

    /** Element-wise activation. */
    record Activation(Kind kind) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.activation(this);
        }

        /** ReLU, or ReLU6 = min(max(x, 0), 6) as in MobileNetV2. */
        public enum Kind { RELU, RELU6 }
    }

    /** Max pooling, square window. */
    record MaxPool(int kernel, int stride, int padding) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.maxPool(this);
        }
    }

    /** PyTorch's {@code AdaptiveAvgPool2d((size, size))}; keeps the NCHW layout. */
    record AdaptiveAvgPool(int size) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adaptiveAvgPool(this);
        }
    }

    /** Global average pooling followed by flattening: {@code [B, C, H, W] → [B, C]}. */
    record GlobalAvgPool() implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.globalAvgPool(this);
        }
    }

    /** Flattening {@code [B, C, H, W] → [B, C·H·W]} in C order. */
    record Flatten() implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.flatten(this);
        }
    }

    /** Fully connected layer {@code y = x·Wᵀ + b}, PyTorch layout {@code [out, in]}. */
    record Linear(String name, int in, int out, boolean bias) implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.linear(this);
        }

        public Linear {
            requirePositive(name, "in", in);
            requirePositive(name, "out", out);
        }
    }

    /**
     * Residual block {@code y = post(shortcut(x) + branchScale·branch(x))}; an empty shortcut is the
     * identity, and post is a ReLU when {@code reluAfter}. A Stable ResNet (Hayou et al. 2021) has
     * {@code branchScale = 1/√L} with L the number of residual blocks; a standard one has 1.
     */
    record Residual(String name, List<Layer> branch, List<Layer> shortcut, double branchScale, boolean reluAfter)
            implements Layer {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.residual(this);
        }

        public Residual {
            branch = List.copyOf(branch);
            shortcut = List.copyOf(shortcut);
            if (branch.isEmpty()) {
                throw new IllegalArgumentException(name + ": a residual block needs a branch");
            }
            if (!(branchScale > 0) || Double.isInfinite(branchScale)) {
                throw new IllegalArgumentException(name + ": branchScale must be positive and finite, got " + branchScale);
            }
        }
    }

    private static void requirePositive(String name, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + field + " must be ≥ 1, got " + value);
        }
    }
}
