package org.pruneproof.reference.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.reference.init.SoftmaxCrossEntropy;

/**
 * A network described by {@link Architecture} ({@code nets}), evaluated with this package's operations:
 * the forward pass h⁰ = x, h^{k} = f_k(h^{k−1}), the loss L = (1/B)·Σ_b −log softmax(logits_b)_{y_b} and
 * the backward pass (each layer's vector–Jacobian product in reverse order), giving ∂L/∂x and ∂L/∂θ for
 * every trainable parameter θ by its PyTorch name.
 *
 * <p>Parameters are flat double arrays in PyTorch layout (conv {@code [out, in/groups, k, k]}, linear
 * {@code [out, in]}) under {@code state_dict} names ({@code layer1.0.conv1.weight}). Batch norm uses the
 * batch statistics in {@link Mode#TRAINING} (the running buffers are read but not updated) and the running
 * buffers in {@link Mode#INFERENCE}; ε = {@value #BN_EPS}. A residual block is
 * {@code post(shortcut(x) + branchScale·branch(x))}. Adaptive average pooling to a side that divides the
 * input's is an average pool with window = stride = side/size, to a multiple of it nearest upsampling.
 * ReLU6 = min(max(z, 0), 6) with derivative 1 on (0, 6) only (PyTorch's hardtanh convention). Features
 * after global pooling or flattening are held as {@code [B, F, 1, 1]} tensors.
 */
public final class ConvNetwork {

    /** ε of batch normalisation (PyTorch's default). */
    public static final double BN_EPS = 1e-5;

    /** Batch-norm statistics: of the batch, or the running buffers. */
    public enum Mode { TRAINING, INFERENCE }

    /**
     * The loss and its gradients.
     *
     * @param loss       the mean softmax cross-entropy
     * @param input      ∂L/∂x, the shape of x
     * @param parameters ∂L/∂θ for every trainable parameter, in the architecture's order
     */
    public record Gradients(double loss, Tensor4 input, Map<String, double[]> parameters) {
    }

    /** One evaluated layer: its input and output, and for a residual block the steps of both paths. */
    record Step(Layer layer, Tensor4 input, Tensor4 output, List<Step> branch, List<Step> shortcut) {
    }

    /** A recorded forward pass: every layer's input and output, the logits and the loss. */
    public static final class Pass {
        final Tensor4 input;
        final List<Step> steps;
        final DMatrixRMaj logits;
        final int[] labels;
        final SoftmaxCrossEntropy.Value loss;
        /** ∂L/∂(output) and ∂L/∂(input) of every step, filled by {@link #backward}. */
        final Map<Step, Tensor4> gradOut = new IdentityHashMap<>();
        final Map<Step, Tensor4> gradIn = new IdentityHashMap<>();

        private Pass(Tensor4 input, List<Step> steps, DMatrixRMaj logits, int[] labels) {
            this.input = input;
            this.steps = steps;
            this.logits = logits;
            this.labels = labels.clone();
            this.loss = SoftmaxCrossEntropy.of(logits, labels);
        }

        /** The mean softmax cross-entropy. */
        public double loss() {
            return loss.loss();
        }

        /** The logits, classes × batch (a copy). */
        public DMatrixRMaj logits() {
            return logits.copy();
        }
    }

    private final Architecture architecture;
    private final Map<String, double[]> parameters;
    private final Mode mode;

    /**
     * @param parameters every parameter of the architecture (buffers included) by name, flat in PyTorch layout
     * @throws IllegalArgumentException naming a missing parameter or one of the wrong size
     */
    public ConvNetwork(Architecture architecture, Map<String, double[]> parameters, Mode mode) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.mode = Objects.requireNonNull(mode, "mode");
        Map<String, double[]> p = new LinkedHashMap<>();
        for (ParameterSpec s : architecture.parameters()) {
            double[] v = parameters.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("missing parameter " + s.name());
            }
            if (v.length != s.size()) {
                throw new IllegalArgumentException(s.name() + " has " + v.length + " values, expected " + s.size());
            }
            p.put(s.name(), v.clone());
        }
        this.parameters = Collections.unmodifiableMap(p);
    }

    /** The architecture. */
    public Architecture architecture() {
        return architecture;
    }

    /** The batch-norm mode. */
    public Mode mode() {
        return mode;
    }

    /** The value of a parameter (not a copy; do not modify). */
    double[] parameter(String name) {
        double[] v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return v;
    }

    /** The forward pass on x ([B, C, H, W], the architecture's input shape) with labels in [0, classes). */
    public Pass forward(Tensor4 x, int[] labels) {
        if (x.channels() != architecture.inputChannels() || x.height() != architecture.inputSize()
                || x.width() != architecture.inputSize()) {
            throw new IllegalArgumentException("input has shape " + x.shape() + ", expected [B, " + architecture.inputChannels()
                    + ", " + architecture.inputSize() + ", " + architecture.inputSize() + "]");
        }
        List<Step> steps = run(architecture.layers(), x);
        Tensor4 out = steps.isEmpty() ? x : steps.get(steps.size() - 1).output();
        if (out.height() != 1 || out.width() != 1 || out.channels() != architecture.classes()) {
            throw new IllegalArgumentException("the network's output " + out.shape() + " is not [B, classes, 1, 1]");
        }
        return new Pass(x, steps, columns(out), labels);
    }

    /** The loss and the gradients of a forward pass. */
    public Gradients backward(Pass pass) {
        Map<String, double[]> grads = new LinkedHashMap<>();
        Tensor4 g = features(pass.loss.gradient());
        Tensor4 gx = back(pass.steps, g, grads, pass);
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (ParameterSpec s : architecture.parameters()) {
            if (s.trainable()) {
                ordered.put(s.name(), grads.get(s.name()));
            }
        }
        return new Gradients(pass.loss(), gx, Collections.unmodifiableMap(ordered));
    }

    /** {@link #backward} of {@link #forward}. */
    public Gradients lossAndGradients(Tensor4 x, int[] labels) {
        return backward(forward(x, labels));
    }

    private List<Step> run(List<Layer> layers, Tensor4 x) {
        List<Step> steps = new ArrayList<>();
        Tensor4 h = x;
        for (Layer l : layers) {
            Step s = apply(l, h);
            steps.add(s);
            h = s.output();
        }
        return steps;
    }

    private Step apply(Layer layer, Tensor4 x) {
        if (layer instanceof Residual r) {
            List<Step> branch = run(r.branch(), x);
            List<Step> shortcut = run(r.shortcut(), x);
            Tensor4 b = scaled(last(branch, x), r.branchScale());
            Tensor4 y = ResidualAdd.forward(b, last(shortcut, x));
            return new Step(layer, x, r.reluAfter() ? Relu.forward(y) : y, branch, shortcut);
        }
        return new Step(layer, x, layer.accept(new Forward(x)), List.of(), List.of());
    }

    /** The output of a residual block before its ReLU. */
    static Tensor4 residualSum(Step s) {
        Residual r = (Residual) s.layer();
        return ResidualAdd.forward(scaled(last(s.branch(), s.input()), r.branchScale()), last(s.shortcut(), s.input()));
    }

    static Tensor4 last(List<Step> steps, Tensor4 input) {
        return steps.isEmpty() ? input : steps.get(steps.size() - 1).output();
    }

    /** The forward map of one non-residual layer. */
    private final class Forward implements Layer.Visitor<Tensor4> {
        private final Tensor4 x;

        Forward(Tensor4 x) {
            this.x = x;
        }

        @Override
        public Tensor4 conv(Conv c) {
            return Convolution.forward(x, kernel(c), c.bias() ? parameter(c.name() + ".bias") : null, geometry(c));
        }

        @Override
        public Tensor4 batchNorm(Layer.BatchNorm b) {
            double[] gamma = parameter(b.name() + ".weight");
            double[] beta = parameter(b.name() + ".bias");
            return mode == Mode.TRAINING ? BatchNorm.forwardTraining(x, gamma, beta, BN_EPS).output()
                    : BatchNorm.forwardInference(x, parameter(b.name() + ".running_mean"), parameter(b.name() + ".running_var"),
                            gamma, beta, BN_EPS);
        }

        @Override
        public Tensor4 activation(Activation a) {
            return a.kind() == Activation.Kind.RELU ? Relu.forward(x) : Relu6.forward(x);
        }

        @Override
        public Tensor4 maxPool(MaxPool p) {
            return org.pruneproof.reference.conv.MaxPool.forward(x, window(p));
        }

        @Override
        public Tensor4 adaptiveAvgPool(AdaptiveAvgPool a) {
            int side = x.height();
            if (side == a.size()) {
                return x.copy();
            } else if (side % a.size() == 0) {
                return AveragePool.forward(x, adaptiveWindow(side, a.size()));
            }
            return Upsampling.forward(x, a.size() / side);
        }

        @Override
        public Tensor4 globalAvgPool(GlobalAvgPool g) {
            return features(GlobalAveragePool.forward(x));
        }

        @Override
        public Tensor4 flatten(Flatten f) {
            return Tensor4.of(x.batch(), x.channels() * x.height() * x.width(), 1, 1, x.toArray());
        }

        @Override
        public Tensor4 linear(Layer.Linear f) {
            DMatrixRMaj w = DMatrixRMaj.wrap(f.out(), f.in(), parameter(f.name() + ".weight"));
            return features(Linear.forward(columns(x), w, f.bias() ? parameter(f.name() + ".bias") : null));
        }

        @Override
        public Tensor4 residual(Residual r) {
            throw new AssertionError("handled by apply");
        }
    }

    private Tensor4 back(List<Step> steps, Tensor4 gradOut, Map<String, double[]> grads, Pass pass) {
        Tensor4 g = gradOut;
        for (int k = steps.size() - 1; k >= 0; k--) {
            Step s = steps.get(k);
            pass.gradOut.put(s, g);
            g = back(s, g, grads, pass);
            pass.gradIn.put(s, g);
        }
        return g;
    }

    private Tensor4 back(Step s, Tensor4 g, Map<String, double[]> grads, Pass pass) {
        Tensor4 x = s.input();
        return s.layer().accept(new Layer.Visitor<Tensor4>() {
            @Override
            public Tensor4 conv(Conv c) {
                Convolution.Gradients d = Convolution.backward(x, kernel(c), geometry(c), g);
                grads.put(c.name() + ".weight", d.weights().toArray());
                if (c.bias()) {
                    grads.put(c.name() + ".bias", d.bias());
                }
                return d.input();
            }

            @Override
            public Tensor4 batchNorm(Layer.BatchNorm b) {
                double[] gamma = parameter(b.name() + ".weight");
                BatchNorm.Gradients d = mode == Mode.TRAINING ? BatchNorm.backwardTraining(x, gamma, BN_EPS, g)
                        : BatchNorm.backwardInference(x, parameter(b.name() + ".running_mean"),
                                parameter(b.name() + ".running_var"), gamma, BN_EPS, g);
                grads.put(b.name() + ".weight", d.gamma());
                grads.put(b.name() + ".bias", d.beta());
                return d.input();
            }

            @Override
            public Tensor4 activation(Activation a) {
                return a.kind() == Activation.Kind.RELU ? Relu.backward(x, g) : Relu6.backward(x, g);
            }

            @Override
            public Tensor4 maxPool(MaxPool p) {
                return org.pruneproof.reference.conv.MaxPool.backward(x, window(p), g);
            }

            @Override
            public Tensor4 adaptiveAvgPool(AdaptiveAvgPool a) {
                int side = x.height();
                if (side == a.size()) {
                    return g.copy();
                } else if (side % a.size() == 0) {
                    return AveragePool.backward(x, adaptiveWindow(side, a.size()), g);
                }
                return Upsampling.backward(x, a.size() / side, g);
            }

            @Override
            public Tensor4 globalAvgPool(GlobalAvgPool gap) {
                return GlobalAveragePool.backward(x, columns(g));
            }

            @Override
            public Tensor4 flatten(Flatten f) {
                return Tensor4.of(x.batch(), x.channels(), x.height(), x.width(), g.toArray());
            }

            @Override
            public Tensor4 linear(Layer.Linear f) {
                DMatrixRMaj w = DMatrixRMaj.wrap(f.out(), f.in(), parameter(f.name() + ".weight"));
                Linear.Gradients d = Linear.backward(columns(x), w, columns(g));
                grads.put(f.name() + ".weight", d.weights().data.clone());
                if (f.bias()) {
                    grads.put(f.name() + ".bias", d.bias());
                }
                return features(d.input());
            }

            @Override
            public Tensor4 residual(Residual r) {
                Tensor4 gs = r.reluAfter() ? Relu.backward(residualSum(s), g) : g;
                Tensor4[] split = ResidualAdd.backward(gs);
                Tensor4 fromBranch = back(s.branch(), scaled(split[0], r.branchScale()), grads, pass);
                Tensor4 fromShortcut = back(s.shortcut(), split[1], grads, pass);
                return ResidualAdd.forward(fromBranch, fromShortcut);
            }
        });
    }

    Tensor4 kernel(Conv c) {
        return Tensor4.of(c.out(), c.inPerGroup(), c.kernel(), c.kernel(), parameter(c.name() + ".weight"));
    }

    static ConvolutionGeometry geometry(Conv c) {
        return ConvolutionGeometry.of(c.stride(), c.padding()).withGroups(c.groups());
    }

    static PoolingWindow window(MaxPool p) {
        return PoolingWindow.of(p.kernel(), p.stride(), p.padding());
    }

    static PoolingWindow adaptiveWindow(int side, int size) {
        int k = side / size;
        return PoolingWindow.of(k, k, 0);
    }

    static Tensor4 scaled(Tensor4 t, double factor) {
        if (factor == 1) {
            return t;
        }
        Tensor4 y = t.zerosLike();
        for (int k = 0; k < t.size(); k++) {
            y.set(k, factor * t.get(k));
        }
        return y;
    }

    /** A [B, F, 1, 1] tensor as the F × B matrix of its columns. */
    static DMatrixRMaj columns(Tensor4 t) {
        DMatrixRMaj m = new DMatrixRMaj(t.channels() * t.height() * t.width(), t.batch());
        int f = m.numRows;
        for (int b = 0; b < t.batch(); b++) {
            for (int i = 0; i < f; i++) {
                m.set(i, b, t.get(b * f + i));
            }
        }
        return m;
    }

    /** An F × B matrix as a [B, F, 1, 1] tensor. */
    static Tensor4 features(DMatrixRMaj m) {
        Tensor4 t = Tensor4.zeros(m.numCols, m.numRows, 1, 1);
        for (int b = 0; b < m.numCols; b++) {
            for (int i = 0; i < m.numRows; i++) {
                t.set(b * m.numRows + i, m.get(i, b));
            }
        }
        return t;
    }
}
