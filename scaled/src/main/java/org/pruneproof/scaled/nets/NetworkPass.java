package org.pruneproof.scaled.nets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.NativeMemory;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.OwnedArrays;

/**
 * The forward and backward pass of an {@link Architecture} built by hand from libnd4j's custom ops ({@link Kernels}):
 * the same function as {@link NetworkGraph} (mean softmax cross-entropy; batch norm with the batch's statistics in
 * training mode, the running ones in inference mode, ε = {@value NetworkGraph#BN_EPS}), with batch norm fused into one
 * op each way ({@code batchnorm}, {@code batchnorm_bp}) and weights in PyTorch's layout (no permutes).
 *
 * <p>What the backward pass keeps, layer by layer: a convolution, a linear layer and a pooling keep their input; a
 * batch norm its input and the batch's μ_B and σ²_B; a ReLU/ReLU6 its output (written over its input when nothing else
 * keeps that: ReLU′ and ReLU6′ read the same from the output, 0 at the kinks), a residual block the output of its
 * ReLU; the rest nothing. An array is handed back to the pool ({@link ArrayPool}) as soon as no later step needs it:
 * a forward tensor once its consumers have run and its keepers have used it in the backward pass, a gradient once the
 * layer below has taken it. The pool's arrays, and the per-parameter gradient arrays, are reused by the next pass, so
 * a pass allocates nothing after the first and the result arrays ({@link Result}) are valid until the next pass.
 *
 * <p>Backward rules (∂ the gradient of the loss): ReLU ∂x = ∂y·[y &gt; 0], ReLU6 ∂x = ∂y·[0 &lt; y &lt; 6];
 * residual y = post(shortcut(x) + a·branch(x)): ∂x = ∂shortcut + a·∂branch through post; batch norm in inference
 * mode y = (x − μ)·s + β with s = γ/√(σ² + ε): ∂x = ∂y·s, ∂γ = Σ ∂y·(x − μ)/√(σ² + ε), ∂β = Σ ∂y; the loss
 * L = −(1/B)·Σ_i log softmax(z_i)_{y_i} has ∂z = (softmax(z) − onehot(y))/B (computed in double).
 * Not thread-safe: one pass object per thread.
 */
public final class NetworkPass {

    /** The name of ∂L/∂input in {@link Result#gradients()} (as in {@link NetworkGraph}). */
    public static final String INPUT = NetworkGraph.INPUT;

    /**
     * One pass's results, valid until the next pass of the same object.
     *
     * @param loss      the mean softmax cross-entropy of the batch
     * @param logits    [B, classes]
     * @param gradients ∂L/∂θ for every trainable parameter and ∂L/∂input ({@value #INPUT}), by name
     */
    public record Result(double loss, INDArray logits, Map<String, INDArray> gradients) {
    }

    /** One step of the backward pass: takes ∂L/∂(output) (its own) and returns ∂L/∂(input) (the caller's). */
    private interface Step {
        INDArray back(INDArray gradOut);
    }

    private final NetworkWeights weights;
    private final NetworkGraph.Mode mode;
    private final DataType type;
    private final ArrayPool pool;
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final Map<String, INDArray[]> statistics = new LinkedHashMap<>();
    private final Map<String, INDArray[]> scratch = new LinkedHashMap<>();
    /** Per depthwise convolution: its weights and their gradient in libnd4j's [k, k, C, 1] layout. */
    private final Map<String, INDArray[]> depthwise = new LinkedHashMap<>();
    private final List<String> trainable = new ArrayList<>();
    /** How many later backward steps keep each forward tensor. */
    private final Map<INDArray, Integer> kept = new IdentityHashMap<>();
    /** Tensors that a residual block's forward pass still reads (its input). */
    private final Map<INDArray, Integer> pinned = new IdentityHashMap<>();

    private NetworkPass(NetworkWeights weights, NetworkGraph.Mode mode) {
        this.weights = weights;
        this.mode = mode;
        this.type = weights.dataType();
        this.pool = new ArrayPool(type);
        Nd4jDefaults.apply();
        for (ParameterSpec p : weights.architecture().parameters()) {
            if (p.role() != ParameterSpec.Role.BN_RUNNING_MEAN && p.role() != ParameterSpec.Role.BN_RUNNING_VAR) {
                trainable.add(p.name());
                grads.put(p.name(), Nd4j.createUninitialized(type, p.shape(), 'c'));
            }
        }
    }

    /**
     * System property choosing the pass that SNIP/SBP-SR scoring, the training loop and fine-tuning use:
     * {@code custom-ops} (the default: this class) or {@code samediff} ({@link NetworkGraph}).
     */
    public static final String PASS_PROPERTY = "pruneproof.pass";

    /** Whether the jobs use this pass ({@value #PASS_PROPERTY} is not {@code samediff}); see README decisions. */
    public static boolean preferred() {
        String v = System.getProperty(PASS_PROPERTY, "custom-ops").trim();
        if (!v.equals("custom-ops") && !v.equals("samediff")) {
            throw new IllegalArgumentException("-D" + PASS_PROPERTY + " must be custom-ops or samediff, got '" + v + "'");
        }
        return v.equals("custom-ops");
    }

    /** A pass for these weights (the live arrays: an update to them is seen by the next pass). */
    public static NetworkPass build(NetworkWeights weights, NetworkGraph.Mode mode) {
        return new NetworkPass(weights, mode);
    }

    /**
     * Closes every array this pass made (its pool, the parameter gradients, the batch statistics: the results of the
     * last pass are dead afterwards) and lets {@link NativeMemory} collect them; the pass stays usable.
     */
    public void close() {
        pool.reset();
        pool.closeAll();
        grads.values().forEach(OwnedArrays::closeAll);
        scratch.values().forEach(OwnedArrays::closeAll);
        depthwise.values().forEach(OwnedArrays::closeAll);
        depthwise.clear();
        grads.replaceAll((k, v) -> Nd4j.createUninitialized(type, v.shape(), 'c'));
        scratch.clear();
        statistics.clear();
        NativeMemory.collectIfGrown();
    }

    /** The batch norms of the network, in forward order (residual branches included). */
    public List<BatchNorm> batchNorms() {
        List<BatchNorm> list = new ArrayList<>();
        Architecture a = weights.architecture();
        Architecture.walk(a.layers(), new int[] {a.inputChannels(), a.inputSize(), a.inputSize()}, (l, in, o) -> {
            if (l instanceof BatchNorm bn) {
                list.add(bn);
            }
        });
        return list;
    }

    /** The weights this pass computes with. */
    public NetworkWeights weights() {
        return weights;
    }

    /** Names of the trainable parameters, in forward order (those of {@link NetworkGraph#trainableParameters()}). */
    public List<String> trainableParameters() {
        return List.copyOf(trainable);
    }

    /**
     * The batch mean μ_B and biased variance σ²_B ([C] each) of every batch norm in the last training-mode pass, by the
     * batch norm's name, in forward order (empty in inference mode). Valid until the next pass.
     */
    public Map<String, INDArray[]> batchStatistics() {
        return Collections.unmodifiableMap(statistics);
    }

    /** Bytes of the reused activation and gradient arrays (the pool; the gradients of the parameters not counted). */
    public long pooledBytes() {
        return pool.bytes();
    }

    /** The loss, the logits and all gradients ({@link Result}) of a batch: one forward and one backward pass. */
    public Result lossAndGradients(INDArray images, int[] labels) {
        Architecture a = weights.architecture();
        if (images.rank() != 4 || images.size(1) != a.inputChannels()) {
            throw new IllegalArgumentException("images must be [B, " + a.inputChannels() + ", H, W], got "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (labels.length != images.size(0)) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.size(0) + " images");
        }
        pool.reset();
        kept.clear();
        pinned.clear();
        List<Step> tape = new ArrayList<>();
        INDArray logits = forward(a.layers(), images, tape);
        INDArray gz = pool.take(logits.shape());
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, gz);
        INDArray gx = backward(tape, gz);
        Map<String, INDArray> out = new LinkedHashMap<>(grads);
        out.put(INPUT, gx);
        return new Result(loss, logits, Collections.unmodifiableMap(out));
    }

    private INDArray forward(List<Layer> layers, INDArray x, List<Step> tape) {
        INDArray h = x;
        for (Layer l : layers) {
            INDArray y = apply(l, h, tape);
            if (y != h) {
                drop(h);
            }
            h = y;
        }
        return h;
    }

    private static INDArray backward(List<Step> tape, INDArray g) {
        INDArray h = g;
        for (int i = tape.size() - 1; i >= 0; i--) {
            h = tape.get(i).back(h);
        }
        return h;
    }

    private void keep(INDArray a) {
        kept.merge(a, 1, Integer::sum);
    }

    /** A backward step is done with a kept tensor. */
    private void release(INDArray a) {
        int n = kept.merge(a, -1, Integer::sum);
        if (n <= 0) {
            kept.remove(a);
            if (!pinned.containsKey(a)) {
                pool.give(a);
            }
        }
    }

    /** The forward pass is done with a tensor: back to the pool unless a backward step keeps it. */
    private void drop(INDArray a) {
        if (!kept.containsKey(a) && !pinned.containsKey(a)) {
            pool.give(a);
        }
    }

    /** Whether a tensor may be overwritten: a pool array that no step keeps and no block still reads. */
    private boolean writable(INDArray a) {
        return pool.owns(a) && !kept.containsKey(a) && !pinned.containsKey(a);
    }

    private INDArray param(String name) {
        return weights.get(name);
    }

    private INDArray apply(Layer layer, INDArray x, List<Step> tape) {
        return layer.accept(new Layer.Visitor<INDArray>() {
            @Override
            public INDArray conv(Conv c) {
                long side = Kernels.side(x.size(2), c.kernel(), c.stride(), c.padding());
                INDArray y = pool.take(x.size(0), c.out(), side, side);
                INDArray w = param(c.name() + ".weight");
                INDArray gw = grads.get(c.name() + ".weight");
                long[] args = Kernels.conv(c);
                INDArray[] dw = null;
                if (c.depthwise()) {
                    // libnd4j M2.1 runs oneDNN's depthwise kernels only for weights [k, k, C, 1] (weight format 0); with
                    // PyTorch's [C, 1, k, k] (format 1) it ran generic, 50× slower (8×96×56², measured): a permuted copy
                    int k = c.kernel();
                    dw = depthwise.computeIfAbsent(c.name(), n -> new INDArray[] {Nd4j.createUninitialized(type, k, k, c.in(), 1),
                            Nd4j.createUninitialized(type, k, k, c.in(), 1)});
                    dw[0].assign(w.permute(2, 3, 0, 1));
                    w = dw[0];
                    args[10] = 0;
                }
                String op = c.depthwise() ? "depthwise_conv2d" : "conv2d";
                INDArray b = c.bias() ? param(c.name() + ".bias") : null;
                INDArray gb = c.bias() ? grads.get(c.name() + ".bias") : null;
                Kernels.exec(op, b == null ? Kernels.of(x, w) : Kernels.of(x, w, b), Kernels.of(y), args);
                keep(x);
                INDArray kernel = w;
                INDArray kernelGrad = dw == null ? gw : dw[1];
                tape.add(g -> {
                    INDArray gx = pool.take(x.shape());
                    Kernels.exec(op + "_bp", b == null ? Kernels.of(x, kernel, g) : Kernels.of(x, kernel, b, g),
                            b == null ? Kernels.of(gx, kernelGrad) : Kernels.of(gx, kernelGrad, gb), args);
                    if (kernelGrad != gw) {
                        gw.assign(kernelGrad.permute(2, 3, 0, 1));
                    }
                    pool.give(g);
                    release(x);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray batchNorm(BatchNorm bn) {
                int c = bn.channels();
                INDArray gamma = param(bn.name() + ".weight");
                INDArray beta = param(bn.name() + ".bias");
                INDArray gGamma = grads.get(bn.name() + ".weight");
                INDArray gBeta = grads.get(bn.name() + ".bias");
                INDArray[] s = scratch.computeIfAbsent(bn.name(), k -> new INDArray[] {
                        Nd4j.createUninitialized(type, c), Nd4j.createUninitialized(type, c),
                        Nd4j.createUninitialized(type, c), Nd4j.createUninitialized(type, c)});
                INDArray mean;
                INDArray var;
                if (mode == NetworkGraph.Mode.TRAINING) {
                    mean = s[0];
                    var = s[1];
                    Kernels.exec("moments", Kernels.of(x), Kernels.of(mean, var), new long[] {0, 2, 3});
                    statistics.put(bn.name(), new INDArray[] {mean, var});
                } else {
                    mean = param(bn.name() + ".running_mean");
                    var = param(bn.name() + ".running_var");
                }
                INDArray y = pool.take(x.shape());
                Kernels.exec("batchnorm", Kernels.of(x, mean, var, gamma, beta), Kernels.of(y), Kernels.BATCH_NORM,
                        NetworkGraph.BN_EPS);
                keep(x);
                if (mode == NetworkGraph.Mode.TRAINING) {
                    tape.add(g -> {
                        INDArray gx = pool.take(x.shape());
                        // gradO last in M2.1; ∂x includes the paths through μ_B and σ²_B (∂μ, ∂σ² come back zero)
                        Kernels.exec("batchnorm_bp", Kernels.of(x, mean, var, gamma, beta, g),
                                Kernels.of(gx, s[2], s[3], gGamma, gBeta), Kernels.BATCH_NORM, NetworkGraph.BN_EPS);
                        pool.give(g);
                        release(x);
                        return gx;
                    });
                } else {
                    tape.add(g -> {
                        // running statistics are constants: ∂x = ∂y·s, ∂γ = Σ ∂y·x̂, ∂β = Σ ∂y
                        INDArray inv = Nd4j.createUninitialized(type, c);
                        inv.assign(var).addi(NetworkGraph.BN_EPS);
                        org.nd4j.linalg.ops.transforms.Transforms.sqrt(inv, false);
                        inv.rdivi(1.0);
                        INDArray scale = inv.mul(gamma);
                        INDArray xhat = pool.take(x.shape());
                        Broadcast.sub(x, mean, xhat, 1);
                        Broadcast.mul(xhat, inv, xhat, 1);
                        xhat.muli(g);
                        xhat.sum(gGamma, 0, 2, 3);
                        g.sum(gBeta, 0, 2, 3);
                        pool.give(xhat);
                        INDArray gx = pool.take(x.shape());
                        Broadcast.mul(g, scale, gx, 1);
                        OwnedArrays.closeAll(inv, scale);
                        pool.give(g);
                        release(x);
                        return gx;
                    });
                }
                return y;
            }

            @Override
            public INDArray activation(Activation act) {
                boolean six = act.kind() == Activation.Kind.RELU6;
                INDArray y = writable(x) ? x : pool.take(x.shape());
                Kernels.exec(six ? "relu6" : "relu", Kernels.of(x), Kernels.of(y), new long[0], 0.0);
                keep(y);
                tape.add(g -> {
                    // from the output: y > 0 ⇔ x > 0, and 0 < y < 6 ⇔ 0 < x < 6
                    Kernels.exec(six ? "relu6_bp" : "relu_bp", Kernels.of(y, g), Kernels.of(g), new long[0], 0.0);
                    release(y);
                    return g;
                });
                return y;
            }

            @Override
            public INDArray maxPool(MaxPool p) {
                long side = Kernels.side(x.size(2), p.kernel(), p.stride(), p.padding());
                return pooled("maxpool2d", side, Kernels.pool(p.kernel(), p.stride(), p.padding(), 0));
            }

            /**
             * A pooling op {@code op} to a {@code side}×{@code side} output and its {@code op_bp}, which reads x (max
             * pooling: its values; average pooling: only its shape, but the array must stay whole).
             */
            private INDArray pooled(String op, long side, long[] args) {
                INDArray y = pool.take(x.size(0), x.size(1), side, side);
                Kernels.exec(op, Kernels.of(x), Kernels.of(y), args);
                keep(x);
                tape.add(g -> {
                    INDArray gx = pool.take(x.shape());
                    Kernels.exec(op + "_bp", Kernels.of(x, g), Kernels.of(gx), args);
                    pool.give(g);
                    release(x);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray adaptiveAvgPool(AdaptiveAvgPool ap) {
                long side = x.size(2);
                if (side == ap.size()) {
                    return x;
                }
                if (side % ap.size() == 0) {
                    int k = (int) (side / ap.size());
                    return pooled("avgpool2d", ap.size(), Kernels.pool(k, k, 0, 1));
                }
                // side divides size: every output cell is one input cell (nearest upsampling by f); backward sums f×f blocks
                int f = (int) (ap.size() / side);
                INDArray y = pool.take(x.size(0), x.size(1), ap.size(), ap.size());
                Kernels.exec("upsampling2d", Kernels.of(x), Kernels.of(y), new long[] {f, f, 1});
                long[] xShape = x.shape();
                tape.add(g -> {
                    INDArray gx = pool.take(xShape);
                    // avgpool2d of the gradient over f×f blocks, times f²
                    Kernels.exec("avgpool2d", Kernels.of(g), Kernels.of(gx), Kernels.pool(f, f, 0, 1));
                    gx.muli((double) f * f);
                    pool.give(g);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray globalAvgPool(GlobalAvgPool gp) {
                INDArray y = pool.take(x.size(0), x.size(1));
                x.mean(y, 2, 3);
                long[] xShape = x.shape();
                double area = (double) xShape[2] * xShape[3];
                tape.add(g -> {
                    INDArray gx = pool.take(xShape);
                    Broadcast.copy(gx, g, gx, 0, 1);
                    gx.divi(area);
                    pool.give(g);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray flatten(Flatten f) {
                long[] xShape = x.shape();
                INDArray y = pool.take(xShape[0], x.length() / xShape[0]);
                y.assign(x.reshape('c', y.shape()));
                tape.add(g -> {
                    INDArray gx = pool.take(xShape);
                    gx.assign(g.reshape('c', xShape));
                    pool.give(g);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray linear(Linear f) {
                INDArray w = param(f.name() + ".weight");
                INDArray gw = grads.get(f.name() + ".weight");
                INDArray y = pool.take(x.size(0), f.out());
                x.mmuli(w.transpose(), y);
                INDArray b = f.bias() ? param(f.name() + ".bias") : null;
                if (b != null) {
                    y.addiRowVector(b);
                }
                keep(x);
                tape.add(g -> {
                    INDArray gx = pool.take(x.shape());
                    g.mmuli(w, gx);
                    g.transpose().mmuli(x, gw);
                    if (b != null) {
                        g.sum(grads.get(f.name() + ".bias"), 0);
                    }
                    pool.give(g);
                    release(x);
                    return gx;
                });
                return y;
            }

            @Override
            public INDArray residual(Residual r) {
                pinned.merge(x, 1, Integer::sum);
                List<Step> branchTape = new ArrayList<>();
                List<Step> shortcutTape = new ArrayList<>();
                INDArray branch = forward(r.branch(), x, branchTape);
                double a = r.branchScale();
                if (a != 1) {
                    if (!writable(branch)) {
                        INDArray scaled = pool.take(branch.shape());
                        scaled.assign(branch);
                        drop(branch);
                        branch = scaled;
                    }
                    branch.muli(a);
                }
                INDArray shortcut = r.shortcut().isEmpty() ? x : forward(r.shortcut(), x, shortcutTape);
                INDArray y;
                if (writable(branch)) {
                    y = branch.addi(shortcut);
                } else {
                    y = pool.take(branch.shape());
                    branch.add(shortcut, y);
                    drop(branch);
                }
                if (shortcut != x) {
                    drop(shortcut);
                }
                int n = pinned.merge(x, -1, Integer::sum);
                if (n <= 0) {
                    pinned.remove(x);
                }
                boolean relu = r.reluAfter();
                if (relu) {
                    Kernels.exec("relu", Kernels.of(y), Kernels.of(y), new long[0], 0.0);
                    keep(y);
                }
                INDArray out = y;
                tape.add(g -> {
                    if (relu) {
                        Kernels.exec("relu_bp", Kernels.of(out, g), Kernels.of(g), new long[0], 0.0);
                        release(out);
                    }
                    INDArray gb = pool.take(g.shape());
                    if (a != 1) {
                        g.mul(a, gb);
                    } else {
                        gb.assign(g);
                    }
                    INDArray gxBranch = backward(branchTape, gb);
                    INDArray gxShortcut = backward(shortcutTape, g);
                    gxBranch.addi(gxShortcut);
                    pool.give(gxShortcut);
                    return gxBranch;
                });
                return y;
            }
        });
    }
}
