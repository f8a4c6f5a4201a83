package org.pruneproof.verification.claims.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.plantedbugs.ChannelSelector;

/** The cross-check has teeth: a fast mode that convolves with the flipped kernel is caught and shrunk. */
class ChannelGreedyReducesTest {

    /** True convolution (kernel flipped) instead of PyTorch's cross-correlation: a classic layout bug. */
    static final ChannelSelector FLIPPED_KERNEL = (h, kernel, stride, padding, positions, steps) -> {
        INDArray flipped = kernel.dup();
        long k = kernel.size(2);
        for (long u = 0; u < k; u++) {
            for (long v = 0; v < k; v++) {
                for (long o = 0; o < kernel.size(0); o++) {
                    for (long c = 0; c < kernel.size(1); c++) {
                        flipped.putScalar(new long[] {o, c, u, v}, kernel.getDouble(o, c, k - 1 - u, k - 1 - v));
                    }
                }
            }
        }
        return GreedyChannelPruning.fastSelection(h, flipped, stride, padding, positions, steps, true, 0);
    };

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 11, "default", 300, null, "test"));
    }

    @Test
    void flippedKernelIsFalsifiedAndShrunk() {
        ClaimResult r = runner().run(new ChannelGreedyReduces(FLIPPED_KERNEL));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        var inst = r.counterexample().get("instance");
        assertTrue(inst.get("kernel").asInt() >= 2, "a 1×1 kernel cannot show the flip: " + inst);
        assertTrue(inst.get("channels").asInt() <= 3 && inst.get("steps").asInt() == 1, "shrunk: " + inst);
    }

    @Test
    void fastModeHoldsOnAtLeast200Instances() {
        ClaimResult r = runner().run(new ChannelGreedyReduces());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 200, "tries " + r.tries());
    }
}
