package org.pruneproof.verification.claims.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.plantedbugs.ScaledConvGradients;

/**
 * The cross-check has teeth: the three bugs a convolutional fast path is known for — a wrong padding, a missed
 * batch-norm term, a transposed kernel — are each falsified; the ND4J engine holds.
 */
class ConvGradientsCrossCheckTest {

    /** One convolution's padding off by one (p − 1, or p + 1 when p = 0), where the network stays valid. */
    static final ScaledConvGradients WRONG_PADDING = (weights, mode, images, labels) -> {
        Architecture a = weights.architecture();
        for (int target = 0; target < 64; target++) {
            int[] seen = {0};
            List<Layer> changed = repad(a.layers(), target, seen);
            if (seen[0] <= target) {
                break;
            }
            try {
                Architecture b = a.withLayers(changed);
                return ScaledConvGradients.SCALED.evaluate(NetworkWeights.of(b, weights.arrays()), mode, images, labels);
            } catch (IllegalArgumentException shapesDoNotFit) {
                // try the next convolution
            }
        }
        return ScaledConvGradients.SCALED.evaluate(weights, mode, images, labels);
    };

    private static List<Layer> repad(List<Layer> layers, int target, int[] seen) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Layer.Conv c) {
                int p = seen[0]++ == target ? (c.padding() > 0 ? c.padding() - 1 : 1) : c.padding();
                out.add(new Layer.Conv(c.name(), c.in(), c.out(), c.kernel(), c.stride(), p, c.groups(), c.bias()));
            } else if (l instanceof Layer.Residual r) {
                out.add(new Layer.Residual(r.name(), repad(r.branch(), target, seen), repad(r.shortcut(), target, seen),
                        r.branchScale(), r.reluAfter()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Batch norm in training mode differentiated as if μ_B and σ²_B were constants: the forward pass is the same
     * (inference with the running statistics set to the batch's), the gradient misses the paths through μ and σ².
     */
    static final ScaledConvGradients MISSED_BATCH_NORM_TERM = (weights, mode, images, labels) -> {
        if (mode != NetworkGraph.Mode.TRAINING) {
            return ScaledConvGradients.SCALED.evaluate(weights, mode, images, labels);
        }
        NetworkGraph g = NetworkGraph.build(weights, mode);
        NetworkWeights frozen = weights.copy();
        for (ParameterSpec p : weights.architecture().parameters()) {
            if (p.role() == ParameterSpec.Role.BN_RUNNING_MEAN) {
                INDArray x = g.layerInput(p.layer(), images);
                frozen.get(p.name()).assign(x.mean(0, 2, 3));
                frozen.get(p.layer() + ".running_var").assign(x.var(false, 0, 2, 3));
            }
        }
        return ScaledConvGradients.SCALED.evaluate(frozen, NetworkGraph.Mode.INFERENCE, images, labels);
    };

    /** Every convolution kernel used transposed (kh and kw swapped), its gradient transposed back. */
    static final ScaledConvGradients TRANSPOSED_KERNEL = (weights, mode, images, labels) -> {
        NetworkWeights t = weights.copy();
        List<String> kernels = new ArrayList<>();
        for (ParameterSpec p : weights.architecture().parameters()) {
            if (p.role() == ParameterSpec.Role.CONV_WEIGHT) {
                kernels.add(p.name());
                t.get(p.name()).assign(weights.get(p.name()).permute(0, 1, 3, 2));
            }
        }
        ScaledConvGradients.Evaluation e = ScaledConvGradients.SCALED.evaluate(t, mode, images, labels);
        Map<String, INDArray> grads = new LinkedHashMap<>(e.parameters());
        for (String k : kernels) {
            grads.put(k, grads.get(k).permute(0, 1, 3, 2).dup('c'));
        }
        return new ScaledConvGradients.Evaluation(e.loss(), e.input(), grads);
    };

    @TempDir
    Path store;

    private ClaimResult run(ConvGradientsCrossCheck claim) {
        return run(claim, "default");
    }

    private ClaimResult run(ConvGradientsCrossCheck claim, String budget) {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 11, budget, 300, null, "test")).run(claim);
    }

    /** Falsified by a violated inequality (not by an exception), the counterexample shrunk. */
    private static void assertFalsifiedByValues(ClaimResult r) {
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.reason().contains("violated") && !r.reason().contains("threw"), r.reason());
    }

    @Test
    void theNd4jEngineHolds() {
        ClaimResult r = run(new ConvGradientsCrossCheck());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 20, "at least 20 instances checked, got " + r.tries());
        System.out.println("holds: " + r.tries() + " tries, " + r.discarded() + " discards, worst ratio " + r.worstRatio() + ", " + r.durationMs() + " ms");
    }

    @Test
    void aWrongPaddingIsFalsified() {
        ClaimResult r = run(new ConvGradientsCrossCheck(WRONG_PADDING));
        System.out.println("WRONG_PADDING: " + r.reason() + " (" + r.durationMs() + " ms)");
        assertFalsifiedByValues(r);
    }

    @Test
    void aMissedBatchNormTermIsFalsified() {
        // caught by a gradient only (the forward pass is the same), and only where the missed terms exceed the
        // tolerance δ·E: about 15 s of search under load, so with the full budget (the search stops at the first failure)
        ClaimResult r = run(new ConvGradientsCrossCheck(MISSED_BATCH_NORM_TERM), "full");
        System.out.println("MISSED_BATCH_NORM_TERM: " + r.reason() + " (" + r.durationMs() + " ms)");
        assertFalsifiedByValues(r);
        assertTrue(r.reason().contains("∂L/∂"), "a gradient, not the loss, differs: " + r.reason());
    }

    @Test
    void aTransposedKernelIsFalsified() {
        ClaimResult r = run(new ConvGradientsCrossCheck(TRANSPOSED_KERNEL));
        System.out.println("TRANSPOSED_KERNEL: " + r.reason() + " (" + r.durationMs() + " ms)");
        assertFalsifiedByValues(r);
    }
}
