package org.pruneproof.scaled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every layer kind of the scaled networks, as SameDiff builds it (forward, and the gradients of L = Σ y ⊙ R, or of the
 * softmax cross-entropy, with respect to the input and the weights), in float32 with the oneDNN helpers forced on for
 * every op and off: with helpers on, two evaluations of one graph and a second, fresh graph give the same bits, at one
 * and at two threads (determinism: same machine, same thread count, same bits); helpers on agree with the generic
 * kernels within 1e-5 relative (max |on − off| / max |off| per array); and the convolutions' bits differ from the
 * generic ones (so oneDNN did run them). A kind that broke the first property would have to leave
 * {@link OneDnnHelpers#KINDS}. Logs which kinds the helpers change (bits or time).
 */
class OneDnnKernelsTest {

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnKernelsTest.class);
    private static final List<String> TABLE = new ArrayList<>();

    private record Outputs(Map<String, INDArray> arrays, long nanos) {
    }

    /** Builds y from x and w; returns y. */
    private interface Layer extends BiFunction<SameDiff, SDVariable[], SDVariable> {
    }

    @BeforeAll
    static void oneDnnBuildIsLoaded() {
        boolean loaded = Nd4jDefaults.oneDnnLoaded();
        if (!loaded) {
            LOG.warn("*** OneDnnKernelsTest SKIPPED: the oneDNN build of nd4j-native is not loaded (CPU without AVX2, or "
                    + "-Dpruneproof.onednn=false): nothing runs oneDNN here, so there is nothing to check ***");
        }
        Assumptions.assumeTrue(loaded, "the oneDNN build of nd4j-native is not loaded (CPU without AVX2?)");
    }

    private static Outputs run(long[] xShape, long[] wShape, Layer layer, boolean helpers, boolean crossEntropy) {
        boolean before = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(helpers);
        try {
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.FLOAT, xShape);
            INDArray w = Nd4j.randn(DataType.FLOAT, wShape);
            SameDiff sd = SameDiff.create();
            SDVariable xv = sd.var("x", x);
            SDVariable wv = sd.var("w", w);
            SDVariable y = layer.apply(sd, new SDVariable[] {xv, wv});
            INDArray yArr = sd.outputSingle(Map.of(), y.name());
            SDVariable loss;
            if (crossEntropy) {
                // one-hot labels of the seeded rows: the network's loss, softmax cross-entropy over the last axis
                INDArray labels = Nd4j.zeros(DataType.FLOAT, yArr.shape());
                for (int i = 0; i < yArr.size(0); i++) {
                    labels.putScalar(i, (i * 7) % yArr.size(1), 1.0);
                }
                loss = sd.loss().softmaxCrossEntropy("loss", sd.constant("labels", labels), y, null);
            } else {
                INDArray r = Nd4j.randn(DataType.FLOAT, yArr.shape());
                loss = y.mul(sd.constant("r", r)).sum();
            }
            sd.setLossVariables(loss);
            Map<String, INDArray> all = new LinkedHashMap<>();
            long nanos = Long.MAX_VALUE;
            // twice on the same graph (the non-determinism of notes dependencies.md §5 was seen there)
            for (int pass = 0; pass < 2; pass++) {
                long start = System.nanoTime();
                Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "x", "w");
                INDArray out = sd.outputSingle(Map.of(), y.name());
                nanos = Math.min(nanos, System.nanoTime() - start);
                all.put("y" + pass, out.dup());
                all.put("dx" + pass, grads.get("x").dup());
                all.put("dw" + pass, grads.get("w").dup());
            }
            return new Outputs(all, nanos);
        } finally {
            Nd4j.getEnvironment().allowHelpers(before);
        }
    }

    private static void check(String kind, long[] xShape, long[] wShape, Layer layer) {
        check(kind, xShape, wShape, layer, false, false);
    }

    private static void check(String kind, long[] xShape, long[] wShape, Layer layer, boolean crossEntropy, boolean mustChange) {
        for (int threads : new int[] {1, 2}) {
            Outputs on1 = Nd4jDefaults.withThreads(threads, () -> run(xShape, wShape, layer, true, crossEntropy));
            Outputs on2 = Nd4jDefaults.withThreads(threads, () -> run(xShape, wShape, layer, true, crossEntropy));
            Outputs off = Nd4jDefaults.withThreads(threads, () -> run(xShape, wShape, layer, false, crossEntropy));
            String at = kind + " (" + threads + " threads) ";
            boolean changed = false;
            for (String k : new String[] {"y", "dx", "dw"}) {
                assertArrayEquals(on1.arrays().get(k + "0").data().asFloat(), on1.arrays().get(k + "1").data().asFloat(), 0f,
                        at + k + ": two evaluations of one graph with oneDNN helpers on differ in bits");
            }
            for (String k : on1.arrays().keySet()) {
                float[] a = on1.arrays().get(k).data().asFloat();
                float[] b = on2.arrays().get(k).data().asFloat();
                float[] g = off.arrays().get(k).data().asFloat();
                assertArrayEquals(a, b, 0f, at + k + ": two graphs with oneDNN helpers on differ in bits");
                double maxDiff = 0;
                double maxRef = 0;
                for (int i = 0; i < a.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - g[i]));
                    maxRef = Math.max(maxRef, Math.abs(g[i]));
                    changed |= Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(g[i]);
                }
                assertTrue(maxDiff <= 1e-5 * maxRef, at + k + ": helpers on vs generic, max |Δ| " + maxDiff
                        + " against max |generic| " + maxRef);
            }
            if (mustChange) {
                assertTrue(changed, at + ": the same bits as the generic kernels, so oneDNN did not run it");
            }
            TABLE.add(String.format("%-32s %d threads: bits %s generic; fwd+bwd %.1f ms helpers on, %.1f ms generic", kind,
                    threads, changed ? "differ from" : "equal to", Math.min(on1.nanos(), on2.nanos()) / 1e6, off.nanos() / 1e6));
        }
    }

    private static Conv2DConfig conv(int k, int s, int p) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p).dataFormat(Conv2DConfig.NCHW).build();
    }

    @Test
    void convolutionsAreDeterministicAndAgreeWithTheGenericKernels() {
        // SameDiff kernels [k, k, in, out] (the networks permute PyTorch's OIYX weights to this layout)
        check("conv 3×3 s1 p1 16→16 @16", new long[] {4, 16, 16, 16}, new long[] {3, 3, 16, 16},
                (sd, v) -> sd.cnn().conv2d(v[0], v[1], conv(3, 1, 1)), false, true);
        check("conv 1×1 64→16 @16", new long[] {4, 64, 16, 16}, new long[] {1, 1, 64, 16},
                (sd, v) -> sd.cnn().conv2d(v[0], v[1], conv(1, 1, 0)), false, true);
        check("conv 7×7 s2 p3 3→16 @32", new long[] {4, 3, 32, 32}, new long[] {7, 7, 3, 16},
                (sd, v) -> sd.cnn().conv2d(v[0], v[1], conv(7, 2, 3)), false, true);
        check("depthwise 3×3 s2 p1 16 @16", new long[] {4, 16, 16, 16}, new long[] {3, 3, 16, 1},
                (sd, v) -> sd.cnn().depthWiseConv2d(v[0], v[1], conv(3, 2, 1)), false, true);
    }

    @Test
    void poolingNormalisationActivationsAndLinearAreDeterministicAndAgree() {
        check("max pool 3×3 s2 p1 @16", new long[] {4, 16, 16, 16}, new long[] {1, 16, 1, 1},
                (sd, v) -> sd.cnn().maxPooling2d(v[0].mul(v[1]), Pooling2DConfig.builder().kH(3).kW(3).sH(2).sW(2)
                        .pH(1).pW(1).isNHWC(false).build()));
        check("avg pool 2×2 s2 @16", new long[] {4, 16, 16, 16}, new long[] {1, 16, 1, 1},
                (sd, v) -> sd.cnn().avgPooling2d(v[0].mul(v[1]), Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                        .isNHWC(false).build()));
        // batch norm as NetworkGraph builds it: training x·s + (β − μ·s), μ and σ² from the moments op ...
        check("batch norm, training (moments)", new long[] {4, 16, 8, 8}, new long[] {1, 16, 1, 1}, (sd, v) -> {
            SDVariable[] m = sd.math().moments(v[0], new int[] {0, 2, 3}, true);
            SDVariable scale = sd.math().rsqrt(m[1].add(1e-5)).mul(v[1]);
            return v[0].mul(scale).add(m[0].mul(scale).neg());
        });
        // ... inference with fixed statistics (here w plays the running variance, shifted positive)
        check("batch norm, inference", new long[] {4, 16, 8, 8}, new long[] {1, 16, 1, 1}, (sd, v) -> {
            SDVariable scale = sd.math().rsqrt(sd.math().square(v[1]).add(0.5));
            return v[0].mul(scale).add(v[1].mul(scale).neg());
        });
        check("relu", new long[] {4, 16, 8, 8}, new long[] {1, 16, 1, 1}, (sd, v) -> sd.nn().relu(v[0].mul(v[1]), 0));
        check("global average pool", new long[] {4, 16, 8, 8}, new long[] {1, 16, 1, 1},
                (sd, v) -> v[0].mul(v[1]).mean(2, 3));
        check("linear (mmul) 256→100", new long[] {8, 256}, new long[] {256, 100}, (sd, v) -> v[0].mmul(v[1]));
        check("softmax", new long[] {8, 100}, new long[] {1, 100}, (sd, v) -> sd.nn().softmax(v[0].mul(v[1]), 1));
        check("linear + softmax cross-entropy", new long[] {8, 256}, new long[] {256, 10}, (sd, v) -> v[0].mmul(v[1]), true,
                false);
    }

    @AfterAll
    static void logTable() {
        if (!TABLE.isEmpty()) {
            LOG.info("oneDNN helpers per layer kind:\n{}", String.join("\n", TABLE));
        }
    }
}
