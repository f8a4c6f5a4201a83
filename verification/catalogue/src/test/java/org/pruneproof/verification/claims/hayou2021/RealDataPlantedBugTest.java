package org.pruneproof.verification.claims.hayou2021;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.plantedbugs.MaskRule;

/**
 * The real-data per-layer kept-fraction experiment notices scores that lost their layer: with the scores shuffled
 * over the whole network before the global threshold (random pruning in disguise), every phase keeps about 1 − s of
 * every layer, the Edge of Chaos no longer stands out, and the verdict changes from "reproduced". (Scores shuffled
 * only within a layer keep each layer's kept fraction exactly, so this experiment cannot notice that bug.)
 */
class RealDataPlantedBugTest {

    /** Global threshold on the scores after a seeded shuffle over all layers. */
    static final MaskRule SHUFFLED_ACROSS_LAYERS = (scores, sparsity) -> {
        int total = 0;
        for (double[] l : scores) {
            total += l.length;
        }
        double[] all = new double[total];
        int k = 0;
        for (double[] l : scores) {
            for (double v : l) {
                all[k++] = v;
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        double[][] shuffled = new double[scores.length][];
        k = 0;
        for (int l = 0; l < scores.length; l++) {
            shuffled[l] = java.util.Arrays.copyOfRange(all, k, k + scores[l].length);
            k += scores[l].length;
        }
        return GlobalThreshold.keepLargest(shuffled, sparsity);
    };

    @TempDir
    Path store;

    private ClaimResult run(SbpLayerFractionsFashionMnist claim) {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", null, null, "test")).run(claim);
    }

    @Test
    void scoresShuffledAcrossLayersAreNotReportedAsReproduced() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        ClaimResult real = run(new SbpLayerFractionsFashionMnist());
        ClaimResult planted = run(new SbpLayerFractionsFashionMnist(SHUFFLED_ACROSS_LAYERS));
        System.err.println("real: " + real.verdict() + " " + real.reason() + " " + real.durationMs() + " ms");
        System.err.println("planted: " + planted.verdict() + " " + planted.reason() + " " + planted.durationMs() + " ms");
        assertEquals("HOLDS", real.verdict(), real.reason());
        assertNotEquals(real.verdict(), planted.verdict(), planted.reason());
    }
}
