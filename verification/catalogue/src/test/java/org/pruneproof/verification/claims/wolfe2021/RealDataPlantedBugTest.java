package org.pruneproof.verification.claims.wolfe2021;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * The real-data threshold experiments reach a verdict by their stated criterion, and the threshold experiment
 * notices a greedy that does not look at the loss (one random candidate per step: random pruning never gets the
 * pruned loss to τ, so the threshold does not exist).
 */
class RealDataPlantedBugTest {

    static final GreedySelection ONE_CANDIDATE = (phi, y, steps) ->
            GreedyForwardSelection.withReplacement(phi, y, steps, 1, new SplittableRandom(13));

    @TempDir
    Path store;

    /**
     * The default budget with its time scaled by 0.01: the runner takes the first instance (the reduced experiment, the
     * one CI runs) and stops there, so a discarded reduced experiment ends the run INCONCLUSIVE instead of falling
     * through to the full-size second instance (minutes). The run seed is the catalogue's default one, so these are the
     * reduced experiments that CI's catalogue run judges (with seed 7 the real threshold experiment's reduced instance
     * straddles its criterion and is discarded; the test used to pass only through the full-size instance).
     */
    private ClaimResult run(Claim<?> claim) {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), RunConfig.DEFAULT_SEED, "default", null, 0.01, "test")).run(claim);
    }

    @Test
    void randomPruningIsNotReportedAsAGrowingThreshold() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        ClaimResult real = run(new ThresholdScalingsFashionMnist());
        ClaimResult planted = run(new ThresholdScalingsFashionMnist(ONE_CANDIDATE));
        System.err.println("real: " + real.verdict() + " " + real.reason() + " " + real.durationMs() + " ms");
        System.err.println("planted: " + planted.verdict() + " " + planted.reason() + " " + planted.durationMs() + " ms");
        assertEquals("HOLDS", real.verdict(), real.reason());
        assertNotEquals(real.verdict(), planted.verdict(), planted.reason());
    }

    @Test
    void randomPruningIsNotReportedAsAGrowingThresholdOnTenClasses() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        ClaimResult real = run(new ThresholdScalingsTenClassFashionMnist());
        ClaimResult planted = run(new ThresholdScalingsTenClassFashionMnist(ONE_CANDIDATE));
        System.err.println("10-class real: " + real.verdict() + " " + real.reason() + " " + real.durationMs() + " ms");
        System.err.println("10-class planted: " + planted.verdict() + " " + planted.reason() + " " + planted.durationMs() + " ms");
        assertEquals("HOLDS", real.verdict(), real.reason());
        assertNotEquals(real.verdict(), planted.verdict(), planted.reason());
    }

    @Test
    void theModelComparisonReachesAVerdictByItsCriterion() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        ClaimResult r = run(new LogVersusPowerFashionMnist());
        System.err.println("log-vs-power: " + r.verdict() + " " + r.reason() + " " + r.statistics() + " " + r.durationMs() + " ms");
        String text = r.verdict().equals("INCONCLUSIVE") ? String.valueOf(r.statistics().get("discardReasons")) : r.reason();
        assertTrue(text.contains("AIC(power) − AIC(log)") || text.contains("fewer than 4 points"), text);
    }
}
