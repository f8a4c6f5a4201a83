package org.pruneproof.scaled.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.OneDnnHelpers;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;

/**
 * The hand-built pass computes what the SameDiff graph computes: the loss, ∂L/∂input and every ∂L/∂θ, on small
 * networks that together have every layer kind (convolutions with and without padding, stride and bias, 1×1 shortcuts,
 * depthwise convolutions, batch norm in training and inference mode, ReLU, ReLU6, max pooling, residual blocks with
 * the Stable branch scale and without, global and adaptive average pooling, flattening, linear layers with bias; the
 * registry's architectures in {@link NetworkPassArchitecturesTest}). Every gradient array is compared as
 * max |Δ| ≤ tol·(max |SameDiff| + 0.1·the largest gradient entry of the network): a sum that cancels to rounding noise
 * (∂b of a convolution before a training-mode batch norm is 0 in exact arithmetic) is judged against the network's
 * scale. In float64 (generic kernels), inference mode agrees to tol = 1e-9 and training mode to 1e-6 (libnd4j's
 * fused {@code batchnorm_bp} is accurate to about 1e-8 of the gradient's scale even in float64: such a zero bias
 * gradient came out 5e-8 against entries of 3.5), so every custom op's argument order is pinned; float32 with oneDNN
 * on every convolution and pooling agrees to 1e-3. And same seed, same thread count, same bits; the second pass
 * allocates nothing.
 */
class NetworkPassTest {

    /** The share of the largest gradient entry that every comparison allows on top (see {@link #agrees}). */
    private static final double FLOOR = 0.1;

    static NetworkWeights weights(Architecture a, DataType type, NetworkGraph.Mode mode) {
        NetworkWeights w = NetworkWeights.initialise(a, type, new SplittableRandom(3));
        SplittableRandom r = new SplittableRandom(9);
        for (ParameterSpec p : a.parameters()) {
            INDArray t = w.get(p.name());
            // γ, β and (inference) the running statistics away from their defaults, so every term counts
            double[] v = new double[(int) t.length()];
            switch (p.role()) {
                case BN_GAMMA -> fill(v, r, 0.5, 1.5);
                case BN_BETA -> fill(v, r, -0.3, 0.3);
                case BN_RUNNING_MEAN -> fill(v, r, -0.2, 0.2);
                case BN_RUNNING_VAR -> fill(v, r, 0.5, 2.0);
                default -> {
                    continue;
                }
            }
            t.assign(Nd4j.create(v, t.shape(), DataType.DOUBLE).castTo(type));
        }
        return w;
    }

    private static void fill(double[] v, SplittableRandom r, double lo, double hi) {
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
    }

    private static ImageBatch batch(Architecture a, DataType type, int b) {
        return new SyntheticImages(a.classes(), a.inputChannels(), a.inputSize(), type, 5).next(b);
    }

    static void agrees(Architecture a, DataType type, NetworkGraph.Mode mode, int b, double tolerance) {
        // one libnd4j thread: on networks this small, parallel regions cost more than the work (Nd4jDefaults)
        Nd4jDefaults.withThreads(1, () -> {
            agreesOnThisThread(a, type, mode, b, tolerance);
            return null;
        });
    }

    private static void agreesOnThisThread(Architecture a, DataType type, NetworkGraph.Mode mode, int b, double tolerance) {
        NetworkWeights w = weights(a, type, mode);
        ImageBatch x = batch(a, type, b);
        NetworkGraph g = NetworkGraph.build(w, mode);
        List<String> names = new ArrayList<>(g.trainableParameters());
        names.add(NetworkGraph.INPUT);
        NetworkGraph.LossAndGradients expected = g.lossAndGradients(x.images(), x.labels(), names);
        NetworkPass pass = NetworkPass.build(w, mode);
        NetworkPass.Result got = pass.lossAndGradients(x.images(), x.labels());
        String at = a.name() + " " + mode + " " + type + ": ";
        assertEquals(g.trainableParameters(), pass.trainableParameters(), at + "parameters");
        assertEquals(expected.loss(), got.loss(), tolerance * Math.max(1, Math.abs(expected.loss())), at + "loss");
        // the scale of the whole gradient: a sum that cancels to rounding noise (∂β of a batch norm whose output feeds
        // another training-mode batch norm linearly is 0 in exact arithmetic) is compared with it, not with itself
        double global = 0;
        for (String n : names) {
            INDArray e = expected.gradients().get(n);
            if (e != null) {
                global = Math.max(global, e.amaxNumber().doubleValue());
            }
        }
        double worst = 0;
        String worstName = "";
        for (String n : names) {
            INDArray e = expected.gradients().get(n);
            if (e == null) {
                continue;   // SameDiff gives no ∂L/∂input when the first layer has no parameters
            }
            INDArray o = got.gradients().get(n);
            assertNotNull(o, at + "no gradient for " + n);
            assertArrayEquals(e.shape(), o.shape(), at + n + " shape");
            double[] ev = e.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            double[] ov = o.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            double max = 0;
            double diff = 0;
            for (int i = 0; i < ev.length; i++) {
                max = Math.max(max, Math.abs(ev[i]));
                diff = Math.max(diff, Math.abs(ev[i] - ov[i]));
            }
            double bound = tolerance * (max + FLOOR * global);
            if (diff / bound > worst) {
                worst = diff / bound;
                worstName = n + " (max |Δ| " + diff + ", max |SameDiff| " + max + ", largest gradient " + global + ")";
            }
            assertTrue(diff <= bound, at + "∂L/∂" + n + ": max |Δ| " + diff + " against max |SameDiff| " + max
                    + " and the largest gradient entry " + global);
        }
        System.out.println(at + "worst |Δ|/bound " + worst + " at " + worstName);
        g.close();
    }

    /** Convolutions with bias and stride (plain and depthwise), adaptive average pooling down (8² → 2²), two linear layers. */
    static Architecture tiny() {
        return new Architecture("tiny", 3, 10, 3, List.of(
                new Layer.Conv("c1", 3, 4, 3, 1, 1, 1, true), new Layer.BatchNorm("bn1", 4), new Layer.Activation(Layer.Activation.Kind.RELU6),
                new Layer.Conv("dw", 4, 4, 3, 1, 0, 4, true), new Layer.Activation(Layer.Activation.Kind.RELU),
                new Layer.Conv("c2", 4, 5, 1, 1, 0, 1, false),
                new Layer.MaxPool(3, 1, 1),
                new Layer.AdaptiveAvgPool(2), new Layer.Flatten(),
                new Layer.Linear("fc1", 20, 6, true), new Layer.Activation(Layer.Activation.Kind.RELU),
                new Layer.Linear("fc2", 6, 3, true)));
    }

    /** Basic blocks with identity and strided 1×1 shortcuts, global pooling, linear: a CIFAR ResNet-8 at width 1/4. */
    static final Architecture RESNET8 = Architectures.byName("cifar-resnet8", 0.25).withInputSize(8);

    @Test
    void smallNetworksOfEveryLayerKindAgreeInDouble() {
        agrees(tiny(), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 3, 1e-6);
        agrees(tiny(), DataType.DOUBLE, NetworkGraph.Mode.INFERENCE, 1, 1e-9);
        agrees(RESNET8, DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 3, 1e-6);
        agrees(RESNET8, DataType.DOUBLE, NetworkGraph.Mode.INFERENCE, 2, 1e-9);
        agrees(Architectures.byName("stable-cifar-resnet8", 0.25).withInputSize(8), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 2,
                1e-6);
    }

    @Test
    void float32WithOneDnnAgreesWithTheSameDiffGraph() {
        OneDnnHelpers.withMinElements(0, () -> {
            agrees(tiny(), DataType.FLOAT, NetworkGraph.Mode.TRAINING, 4, 1e-3);
            agrees(RESNET8, DataType.FLOAT, NetworkGraph.Mode.TRAINING, 4, 1e-3);
            return null;
        });
    }

    private record Run(double loss, Map<String, float[]> arrays, long pooled) {
    }

    private static Run run(NetworkPass p, Architecture a) {
        ImageBatch b = batch(a, DataType.FLOAT, 4);
        NetworkPass.Result r = p.lossAndGradients(b.images(), b.labels());
        Map<String, float[]> arrays = new TreeMap<>();
        r.gradients().forEach((k, v) -> arrays.put(k, v.dup('c').data().asFloat()));
        arrays.put("logits", r.logits().dup('c').data().asFloat());
        p.batchStatistics().forEach((k, v) -> {
            arrays.put(k + "/mean", v[0].dup().data().asFloat());
            arrays.put(k + "/var", v[1].dup().data().asFloat());
        });
        return new Run(r.loss(), arrays, p.pooledBytes());
    }

    private static void sameBits(Architecture a, int... threadCounts) {
        for (int threads : threadCounts) {
            Nd4jDefaults.withThreads(threads, () -> OneDnnHelpers.withMinElements(0, () -> {
                NetworkPass p = NetworkPass.build(weights(a, DataType.FLOAT, NetworkGraph.Mode.TRAINING), NetworkGraph.Mode.TRAINING);
                Run first = run(p, a);
                Run again = run(p, a);
                Run fresh = run(NetworkPass.build(weights(a, DataType.FLOAT, NetworkGraph.Mode.TRAINING), NetworkGraph.Mode.TRAINING), a);
                String at = a.name() + " at " + threads + " threads: ";
                assertEquals(Double.doubleToRawLongBits(first.loss()), Double.doubleToRawLongBits(again.loss()), at + "loss, same pass");
                assertEquals(Double.doubleToRawLongBits(first.loss()), Double.doubleToRawLongBits(fresh.loss()), at + "loss, fresh pass");
                assertEquals(first.arrays().keySet(), fresh.arrays().keySet());
                for (String k : first.arrays().keySet()) {
                    assertArrayEquals(first.arrays().get(k), again.arrays().get(k), 0f, at + k + " differs between two passes");
                    assertArrayEquals(first.arrays().get(k), fresh.arrays().get(k), 0f, at + k + " differs on a fresh pass");
                }
                assertEquals(first.pooled(), again.pooled(), at + "the second pass allocated pool arrays");
                return null;
            }));
        }
    }

    @Test
    void passesRepeatBitForBitPerLayerKind() {
        // convolutions with bias, depthwise convolutions, batch norm, ReLU6, ReLU, max pooling, adaptive pooling,
        // flattening, linear layers (tiny); residual blocks, 1×1 shortcuts, global pooling (ResNet-8)
        sameBits(tiny(), 1, 2);
        sameBits(RESNET8, 1, 2);
    }
}
