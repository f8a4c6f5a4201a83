package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.verification.proof.LemmaClaim;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * Each hard Ye et al. 2020 claim has teeth: a plausible wrong implementation injected through the
 * claim's constructor is falsified and the counterexample is shrunk.
 */
class Ye2020PlantedBugTest {

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", 300, null, "test"));
    }

    /**
     * A greedy with a configurable bug: {@code scoreLast} false skips the last neuron (an off-by-one
     * loop bound); {@code absoluteTie} ties candidates within an absolute tolerance instead of a
     * relative one; {@code setSum} adds a neuron to the running sum only the first time it is chosen
     * (a multiset kept as a set) while reporting the candidate's loss.
     */
    private static GreedySelection buggy(boolean scoreLast, double absoluteTie, boolean setSum) {
        return (DMatrixRMaj phi, double[] y, int steps) -> {
            int n = phi.numRows;
            int m = phi.numCols;
            double[] sum = new double[m];
            boolean[] used = new boolean[n];
            int[] selected = new int[steps];
            double[] loss = new double[steps];
            int scored = scoreLast || n == 1 ? n : n - 1;
            for (int step = 1; step <= steps; step++) {
                double[] l = new double[scored];
                double min = Double.POSITIVE_INFINITY;
                for (int i = 0; i < scored; i++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        double d = (sum[j] + phi.get(i, j)) / step - y[j];
                        s += d * d;
                    }
                    l[i] = s / m;
                    min = Math.min(min, l[i]);
                }
                int best = 0;
                while (l[best] > min + absoluteTie + 1e-12 * Math.abs(min)) {
                    best++;
                }
                if (!setSum || !used[best]) {
                    for (int j = 0; j < m; j++) {
                        sum[j] += phi.get(best, j);
                    }
                }
                used[best] = true;
                selected[step - 1] = best;
                loss[step - 1] = l[best];
            }
            return new GreedyPath(selected, loss);
        };
    }

    private static void assertFalsifiedAndShrunk(ClaimResult r, int maxNeurons) {
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        JsonNode phi = inst.has("phi") ? inst.get("phi") : inst.get("base").get("phi");
        assertTrue(phi.size() <= maxNeurons, "shrunk to " + phi.size() + " neurons: " + inst);
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk");
    }

    @Test
    void multisetKeptAsASetBreaksTheAverageInvariant() {
        ClaimResult r = runner().run(new AverageInvariant(List.of(
                new AverageInvariant.Variant("set-sum bug", buggy(true, 0, true), true))));
        assertFalsifiedAndShrunk(r, 2);
    }

    @Test
    void absoluteTieToleranceBreaksScaleEquivariance() {
        ClaimResult r = runner().run(new ScaleEquivariance(buggy(true, 1e-3, false)));
        assertFalsifiedAndShrunk(r, 3);
    }

    @Test
    void skippingTheLastNeuronBreaksPermutationInvariance() {
        ClaimResult r = runner().run(new PermutationInvariance(buggy(false, 0, false)));
        assertFalsifiedAndShrunk(r, 3);
    }

    @Test
    void secondBestGreedyBreaksTheGeneralRate() {
        ClaimResult r = runner().run(new GeneralRate(PlantedBugTest.SECOND_BEST));
        assertFalsifiedAndShrunk(r, 3);
    }

    /**
     * A broken proof shows where it breaks: with the second-best choice the greedy step is no longer a minimum, so
     * step 1 (a minimum is at most an average) fails, while the bias–variance identity of step 2, which holds for
     * any subnetwork, still holds.
     */
    @Test
    void secondBestGreedyBreaksStepOneOfTheGeneralRateProofAndNotTheIdentityOfStepTwo() {
        GeneralRate theorem = new GeneralRate(PlantedBugTest.SECOND_BEST);
        ClaimResult step1 = runner().run(new LemmaClaim<>(theorem, theorem.spec().step(1).orElseThrow()));
        ClaimResult step2 = runner().run(new LemmaClaim<>(theorem, theorem.spec().step(2).orElseThrow()));
        assertEquals("ye2020.general-rate.step-1", step1.id());
        assertEquals("FALSIFIED", step1.verdict(), step1.reason());
        assertEquals("ye2020.general-rate", step1.lemmaOf());
        assertEquals("HOLDS", step2.verdict(), step2.reason());
    }

    @Test
    void skippingTheLastNeuronBreaksTheInteriorRate() {
        ClaimResult r = runner().run(new InteriorRate(buggy(false, 0, false)));
        assertFalsifiedAndShrunk(r, 4);
    }

    @Test
    void referenceHoldsWhereTheBugsFail() {
        for (var claim : List.of(new AverageInvariant(), new ScaleEquivariance(), new PermutationInvariance(),
                new GeneralRate(), new InteriorRate())) {
            ClaimResult r = runner().run(claim);
            assertEquals("HOLDS", r.verdict(), r.id() + ": " + r.reason());
            assertTrue(r.tries() >= 200, r.id() + ": " + r.tries() + " tries");
        }
    }

    @Test
    void withoutReplacementRateIsFalsifiedAndShrunk() {
        ClaimResult r = runner().run(new WithoutReplacementRate());
        assertFalsifiedAndShrunk(r, 4);
    }
}
