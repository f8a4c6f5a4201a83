package org.pruneproof.scaled.nets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.Layer;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.OneDnnHelpers;

/**
 * The SameDiff graph of an {@link Architecture} with given {@link NetworkWeights}: placeholders
 * {@code input} ([B, C, H, W]) and {@code labels} (one-hot [B, classes]), outputs {@code logits} and
 * {@code loss} (mean softmax cross-entropy over the batch).
 *
 * <p>Batch norm is built from basic operations, because SameDiff's own {@code batchNorm} cannot be
 * differentiated in ND4J 1.0.0-M2.1 (its {@code calculateGradients} throws; upstream issue #9029):
 * <pre>  training:  y = (x − μ_B)/√(σ²_B + ε)·γ + β,  μ_B, σ²_B the biased batch mean and variance over (N, H, W)
 *  inference: y = (x − running_mean)/√(running_var + ε)·γ + β,  ε = 1e-5 (PyTorch's default)</pre>
 * computed as {@code x·s + (β − μ·s)} with {@code s = γ/√(σ² + ε)} formed per channel and, in training, μ_B and
 * σ²_B from ND4J's {@code moments} op, which keeps two full-size intermediates per batch norm for the backward
 * pass (a replicated graph centres first, {@code (x − μ)·s + β}).
 * Weights are the graph's variables (the same arrays as in {@link NetworkWeights}, so an update to
 * either is seen by both); PyTorch layouts are permuted to SameDiff's {@code [kH, kW, in, out]} inside
 * the graph.
 *
 * <p>A <em>masked</em> graph ({@link #masked}) evaluates R copies of the network in one forward pass
 * (for scoring several channel subsets of one layer at once): its input is R copies of one batch
 * stacked along the batch axis, {@code [R·B, C, H, W]}, every batch norm normalises each copy by its
 * own batch statistics, and the input of every named convolution is multiplied channel-wise by a
 * placeholder {@code mask_<convolution>} of shape {@code [R·B, in]} (one row per image), so that each
 * copy can see a different subset of channels, each rescaled (a mask of N/n on n of N channels is the
 * subnetwork average of Ye et al.; it equals removing the other channels, {@code ChannelSurgery}).
 */
public final class NetworkGraph implements AutoCloseable {

    /** Batch-norm statistics: of the current batch (training) or the running buffers (inference). */
    public enum Mode { TRAINING, INFERENCE }

    /** The name of the input placeholder (also the name of ∂L/∂input in {@link #gradients}). */
    public static final String INPUT = "input";

    /** ε of batch normalisation. */
    public static final double BN_EPS = 1e-5;
    /** Suffix of the output holding a batch norm's batch mean μ_B ({@code [1, C, 1, 1]}; training mode, one replica). */
    public static final String BATCH_MEAN = "/batch_mean";
    /** Suffix of the output holding a batch norm's biased batch variance σ²_B ({@code [1, C, 1, 1]}). */
    public static final String BATCH_VARIANCE = "/batch_variance";

    private final SameDiff sd;
    private final NetworkWeights weights;
    private final List<String> trainable = new ArrayList<>();
    private final List<BatchNorm> batchNorms = new ArrayList<>();
    private final Map<Layer, int[]> inputShapes = new IdentityHashMap<>();
    private final Map<String, String> layerInputs = new HashMap<>();
    private final Set<String> convolutions = new java.util.HashSet<>();
    private final int replicas;
    private final Set<String> masked;
    private final PassArrays passArrays;

    private NetworkGraph(NetworkWeights weights, Mode mode, int replicas, Set<String> masked) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be ≥ 1, got " + replicas);
        }
        if (replicas > 1 && mode != Mode.TRAINING) {
            throw new IllegalArgumentException("replicas need batch statistics (TRAINING mode)");
        }
        this.weights = weights;
        this.replicas = replicas;
        this.masked = Set.copyOf(masked);
        Architecture a = weights.architecture();
        DataType dt = weights.dataType();
        Nd4jDefaults.apply();
        sd = SameDiff.create();
        // op by op: oneDNN for float32 convolutions and pooling of a useful size, generic kernels for the rest
        sd.addListeners(OneDnnHelpers.INSTANCE);
        passArrays = new PassArrays(sd);
        sd.addListeners(passArrays);
        SDVariable x = sd.placeHolder("input", dt, -1, a.inputChannels(), a.inputSize(), a.inputSize());
        SDVariable labels = sd.placeHolder("labels", dt, -1, a.classes());
        Architecture.walk(a.layers(), new int[] {a.inputChannels(), a.inputSize(), a.inputSize()},
                (l, in, o) -> inputShapes.put(l, in));
        SDVariable out = build(a.layers(), x, mode);
        SDVariable logits = sd.identity("logits", out);
        sd.loss().softmaxCrossEntropy("loss", labels, logits, null);
        sd.setLossVariables("loss");
        Set<String> unknown = new java.util.TreeSet<>(this.masked);
        unknown.removeAll(convolutions);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no convolution named " + unknown);
        }
    }

    /** Builds the graph (cheap: no computation, the weights are shared). */
    public static NetworkGraph build(NetworkWeights weights, Mode mode) {
        return new NetworkGraph(weights, mode, 1, Set.of());
    }

    /**
     * A masked graph (see the class comment), batch norm in training mode: {@code replicas} copies
     * per forward pass, a channel mask on the input of each of the {@code maskedConvolutions}.
     */
    public static NetworkGraph masked(NetworkWeights weights, int replicas, Set<String> maskedConvolutions) {
        return new NetworkGraph(weights, Mode.TRAINING, replicas, maskedConvolutions);
    }

    /** R, the copies of the network per forward pass. */
    public int replicas() {
        return replicas;
    }

    /**
     * Logits {@code [R·B, classes]} of a masked graph on stacked images {@code [R·B, C, H, W]}, with one
     * mask {@code [R·B, in]} per masked convolution.
     */
    public INDArray logits(INDArray images, Map<String, INDArray> masks) {
        return sd.outputSingle(feedMasks(images, masks), "logits");
    }

    /** The input tensor of a named convolution (before its mask) on a batch of a masked graph. */
    public INDArray layerInput(String convolution, INDArray images, Map<String, INDArray> masks) {
        String v = layerInputs.get(convolution);
        if (v == null) {
            throw new IllegalArgumentException("no convolution named " + convolution);
        }
        return sd.outputSingle(feedMasks(images, masks), v);
    }

    /**
     * The placeholders of a training step of a masked graph: images {@code [R·B, C, H, W]}, their labels (one-hot) and
     * one mask {@code [R·B, in]} per masked convolution.
     */
    public Map<String, INDArray> trainingFeed(INDArray images, int[] labels, Map<String, INDArray> masks) {
        Map<String, INDArray> m = feedMasks(images, masks);
        m.put("labels", oneHot(labels, weights.architecture().classes(), weights.dataType()));
        return m;
    }

    private Map<String, INDArray> feedMasks(INDArray images, Map<String, INDArray> masks) {
        if (images.size(0) % replicas != 0) {
            throw new IllegalArgumentException("batch " + images.size(0) + " is not a multiple of the " + replicas + " replicas");
        }
        if (!masks.keySet().equals(masked)) {
            throw new IllegalArgumentException("masks given for " + new java.util.TreeSet<>(masks.keySet()) + ", expected "
                    + new java.util.TreeSet<>(masked));
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put("input", images);
        masks.forEach((k, v) -> m.put(MASK_PREFIX + k, v));
        return m;
    }

    private static final String MASK_PREFIX = "mask_";

    /** The weights this graph computes with. */
    public NetworkWeights weights() {
        return weights;
    }

    /** The SameDiff instance (for callers that need more outputs). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Logits [B, classes] of a batch of images [B, C, H, W] (the pass's arrays open until {@link #closePassArrays}). */
    public INDArray logits(INDArray images) {
        Map<String, INDArray> feed = Map.of("input", images);
        passArrays.begin(feed, false);
        return sd.outputSingle(feed, "logits");
    }

    /** Mean softmax cross-entropy of a batch. */
    public double loss(INDArray images, int[] labels) {
        return sd.outputSingle(feed(images, labels), "loss").getDouble(0);
    }

    /**
     * Gradients of the mean softmax cross-entropy with respect to the named parameters (all
     * trainable parameters when none are named); the name {@value #INPUT} gives ∂L/∂input. The arrays of this pass,
     * the returned gradients included, stay open until {@link #closePassArrays}.
     */
    public Map<String, INDArray> gradients(INDArray images, int[] labels, List<String> parameters) {
        List<String> names = parameters.isEmpty() ? trainable : parameters;
        Map<String, INDArray> feed = feed(images, labels);
        passArrays.begin(feed, true);
        passArrays.own(feed.get("labels"));
        return sd.calculateGradients(feed, names);
    }

    /**
     * The loss and its gradients with respect to the named parameters (as {@link #gradients}), from one forward
     * and one backward pass.
     *
     * @param loss      the mean softmax cross-entropy of the batch
     * @param gradients ∂L/∂θ by name
     */
    public record LossAndGradients(double loss, Map<String, INDArray> gradients) {
    }

    /** {@link #loss} and {@link #gradients} in one forward and one backward pass (arrays open until {@link #closePassArrays}). */
    public LossAndGradients lossAndGradients(INDArray images, int[] labels, List<String> parameters) {
        List<String> names = parameters.isEmpty() ? trainable : parameters;
        Map<String, INDArray> feed = feed(images, labels);
        org.nd4j.autodiff.samediff.api.OutAndGrad og = outputsAndGradients(feed, List.of("loss"), names);
        passArrays.own(feed.get("labels"));
        return new LossAndGradients(og.getOutputs().get("loss").getDouble(0), og.getGradients());
    }

    /**
     * The named outputs and the gradients of the loss with respect to the named parameters for a fed batch (placeholder
     * name → array), from one forward and one backward pass; the arrays of the pass stay open until
     * {@link #closePassArrays}.
     */
    public org.nd4j.autodiff.samediff.api.OutAndGrad outputsAndGradients(Map<String, INDArray> feed, List<String> outputs,
                                                                          List<String> parameters) {
        passArrays.begin(feed, true);
        return sd.calculateGradientsAndOutputs(feed, outputs, parameters);
    }

    /**
     * Closes every array that the last gradient pass ({@link #gradients}, {@link #lossAndGradients},
     * {@link #outputsAndGradients}, {@link #logits(INDArray)}) created — its returned outputs and gradients included, which must not be used
     * afterwards — except the graph's weights, the fed placeholders and SameDiff's cache of reusable arrays. Without it
     * their native memory waits for the garbage collector (PassArrays: why a training step's memory grew).
     */
    public void closePassArrays() {
        passArrays.close();
    }

    /**
     * Closes the arrays of the last pass ({@link #closePassArrays}) and those SameDiff keeps for reuse (at most a quarter
     * of the JVM's maximum heap per session): what a graph that is no longer needed holds. The graph stays usable.
     */
    @Override
    public void close() {
        passArrays.closeCaches();
    }

    /**
     * The input tensor of a named convolution or batch norm on a batch (e.g. the features a pruned channel
     * feeds).
     */
    public INDArray layerInput(String layer, INDArray images) {
        String v = layerInputs.get(layer);
        if (v == null) {
            throw new IllegalArgumentException("no convolution or batch norm named " + layer);
        }
        return sd.outputSingle(Map.of("input", images), v);
    }

    /**
     * The batch norms whose batch statistics are outputs ({@code <name>/batch_mean}, {@code <name>/batch_variance}):
     * every one of a single-replica training-mode graph, none otherwise.
     */
    public List<BatchNorm> batchNormsWithStatistics() {
        return List.copyOf(batchNorms);
    }

    /** Names of the trainable parameters (the graph's variables). */
    public List<String> trainableParameters() {
        return List.copyOf(trainable);
    }

    private Map<String, INDArray> feed(INDArray images, int[] labels) {
        Map<String, INDArray> m = new HashMap<>();
        m.put("input", images);
        m.put("labels", oneHot(labels, weights.architecture().classes(), weights.dataType()));
        return m;
    }

    /** One-hot encoding [B, classes]; labels must lie in 0..classes−1. */
    public static INDArray oneHot(int[] labels, int classes, DataType type) {
        INDArray y = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " outside 0.." + (classes - 1));
            }
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    private SDVariable variable(String name) {
        trainable.add(name);
        return sd.var(name, weights.get(name));
    }

    private SDVariable build(List<Layer> layers, SDVariable x, Mode mode) {
        SDVariable h = x;
        for (Layer l : layers) {
            h = apply(l, h, mode);
        }
        return h;
    }

    private SDVariable apply(Layer l, SDVariable x, Mode mode) {
        return l.accept(new Layer.Visitor<SDVariable>() {
            @Override
            public SDVariable conv(Conv c) {
                SDVariable input = x;
                layerInputs.put(c.name(), input.name());
                convolutions.add(c.name());
                if (masked.contains(c.name())) {
                    SDVariable m = sd.placeHolder(MASK_PREFIX + c.name(), weights.dataType(), -1, c.in());
                    input = input.mul(m.reshape(-1, c.in(), 1, 1));
                }
                SDVariable w = variable(c.name() + ".weight");
                // PyTorch [out, in/g, k, k] → SameDiff [k, k, in, out]; depthwise [C, 1, k, k] → [k, k, C, 1]
                SDVariable kernel = c.depthwise() ? w.permute(2, 3, 0, 1) : w.permute(2, 3, 1, 0);
                SDVariable b = c.bias() ? variable(c.name() + ".bias") : null;
                Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                        .pH(c.padding()).pW(c.padding()).dataFormat(Conv2DConfig.NCHW).build();
                SDVariable y = c.depthwise() ? sd.cnn().depthWiseConv2d(input, kernel, cfg) : sd.cnn().conv2d(input, kernel, cfg);
                return b == null ? y : y.add(b.reshape(1, c.out(), 1, 1));
            }

            @Override
            public SDVariable batchNorm(BatchNorm bn) {
                layerInputs.put(bn.name(), x.name());
                // y = (x − μ)·s + β with s = γ/√(σ² + ε) formed on [C] values: two full-size tensors fewer
                // than (x − μ)/√(σ² + ε)·γ + β, which matters for the memory of the backward pass
                int c = bn.channels();
                SDVariable gamma = variable(bn.name() + ".weight");
                SDVariable beta = variable(bn.name() + ".bias");
                if (mode == Mode.TRAINING && replicas > 1) {
                    // [R·B, C, H, W] → [R, B, C, H, W]: statistics per copy over (B, H, W)
                    int[] s = inputShapes.get(bn);
                    SDVariable xr = x.reshape(replicas, -1, s[0], s[1], s[2]);
                    SDVariable centred = xr.sub(xr.mean(true, 1, 3, 4));
                    SDVariable v = sd.math().square(centred).mean(true, 1, 3, 4);
                    SDVariable scale = sd.math().rsqrt(v.add(BN_EPS)).mul(gamma.reshape(1, 1, c, 1, 1));
                    return centred.mul(scale).add(beta.reshape(1, 1, c, 1, 1)).reshape(-1, s[0], s[1], s[2]);
                } else if (mode == Mode.TRAINING) {
                    // μ_B, σ²_B by the moments op (differentiable, no full-size intermediate), named for the running
                    // statistics, then y = x·s + (β − μ_B·s): two full-size tensors per batch norm, where (x − μ)·s + β
                    // with σ² as the mean of (x − μ)² kept four for the backward pass (README decisions: memory)
                    SDVariable[] moments = sd.math().moments(new String[] {bn.name() + BATCH_MEAN, bn.name() + BATCH_VARIANCE},
                            x, new int[] {0, 2, 3}, true);
                    batchNorms.add(bn);
                    SDVariable scale = sd.math().rsqrt(moments[1].add(BN_EPS)).mul(gamma.reshape(1, c, 1, 1));
                    return x.mul(scale).add(beta.reshape(1, c, 1, 1).sub(moments[0].mul(scale)));
                }
                SDVariable mean = sd.constant(bn.name() + ".running_mean", weights.get(bn.name() + ".running_mean")).reshape(1, c, 1, 1);
                SDVariable var = sd.constant(bn.name() + ".running_var", weights.get(bn.name() + ".running_var")).reshape(1, c, 1, 1);
                SDVariable scale = sd.math().rsqrt(var.add(BN_EPS)).mul(gamma.reshape(1, c, 1, 1));
                return x.mul(scale).add(beta.reshape(1, c, 1, 1).sub(mean.mul(scale)));
            }

            @Override
            public SDVariable activation(Activation a) {
                return a.kind() == Activation.Kind.RELU ? sd.nn().relu(x, 0) : sd.nn().relu6(x, 0);
            }

            @Override
            public SDVariable maxPool(MaxPool p) {
                return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(p.kernel()).kW(p.kernel())
                        .sH(p.stride()).sW(p.stride()).pH(p.padding()).pW(p.padding())
                        .type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build());
            }

            @Override
            public SDVariable globalAvgPool(GlobalAvgPool g) {
                return x.mean(2, 3);
            }

            @Override
            public SDVariable adaptiveAvgPool(AdaptiveAvgPool a) {
                long side = inputShapes.get(a)[1];
                if (side == a.size()) {
                    return x;
                } else if (side % a.size() == 0) {
                    int k = (int) (side / a.size());
                    return sd.cnn().avgPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(k).sW(k)
                            .type(Pooling2D.Pooling2DType.AVG).isNHWC(false).build());
                }
                // side divides size: every output cell averages exactly one input cell (nearest upsampling)
                int f = (int) (a.size() / side);
                return sd.cnn().upsampling2d(x, f, f, true);
            }

            @Override
            public SDVariable flatten(Flatten f) {
                int[] s = inputShapes.get(f);
                return x.reshape(-1, (long) s[0] * s[1] * s[2]);
            }

            @Override
            public SDVariable linear(Linear f) {
                SDVariable w = variable(f.name() + ".weight");
                // x·Wᵀ with Wᵀ formed by a permute: ND4J 1.0.0-M2.1's matmul_bp with transposeB gives a wrong ∂L/∂W
                // for a batch of one ([1, F]·[out, F]ᵀ: every entry the sum of x's, found by crosscheck.conv-gradients),
                // and fails on a [1, 1] left operand, so one input feature is a broadcast product instead
                SDVariable y = f.in() == 1 ? x.mul(w.reshape(1, f.out())) : sd.mmul(x, w.permute(1, 0));
                return f.bias() ? y.add(variable(f.name() + ".bias")) : y;
            }

            @Override
            public SDVariable residual(Residual r) {
                SDVariable branch = build(r.branch(), x, mode);
                if (r.branchScale() != 1) {
                    branch = branch.mul(r.branchScale());
                }
                SDVariable shortcut = r.shortcut().isEmpty() ? x : build(r.shortcut(), x, mode);
                SDVariable y = branch.add(shortcut);
                return r.reluAfter() ? sd.nn().relu(y, 0) : y;
            }
        });
    }
}
