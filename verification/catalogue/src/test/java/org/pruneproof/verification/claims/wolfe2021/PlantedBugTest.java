package org.pruneproof.verification.claims.wolfe2021;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * The hard Wolfe et al. claims have teeth: with a greedy that takes the worst candidate (an argmax for an
 * argmin), both are falsified and their counterexamples shrunk to a few neurons and points.
 */
class PlantedBugTest {

    /** "Greedy" with replacement that adds the candidate of largest loss at every step. */
    static final GreedySelection WORST_CANDIDATE = (DMatrixRMaj phi, double[] y, int steps) -> {
        int n = phi.numRows;
        int m = phi.numCols;
        double[] sum = new double[m];
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        for (int step = 1; step <= steps; step++) {
            int worst = 0;
            double worstLoss = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    double d = (sum[j] + phi.get(i, j)) / step - y[j];
                    s += d * d;
                }
                if (s / m > worstLoss) {
                    worstLoss = s / m;
                    worst = i;
                }
            }
            for (int j = 0; j < m; j++) {
                sum[j] += phi.get(worst, j);
            }
            selected[step - 1] = worst;
            loss[step - 1] = worstLoss;
        }
        return new GreedyPath(selected, loss);
    };

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", 300, null, "test"));
    }

    private static void assertShrunk(ClaimResult r) {
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("w").size() <= 3, "shrunk to at most 3 neurons: " + inst);
        assertTrue(inst.get("x").size() <= 2, "shrunk to at most 2 points: " + inst);
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk");
    }

    @Test
    void worstCandidateGreedyFalsifiesTheDistanceBound() {
        assertShrunk(runner().run(new GreedyDistanceBound(WORST_CANDIDATE)));
    }

    @Test
    void worstCandidateGreedyFalsifiesTheCorollary() {
        assertShrunk(runner().run(new PrunedLossCorollary(WORST_CANDIDATE)));
    }

    @Test
    void theReferenceGreedyHoldsWhereThePlantedBugFails() {
        ClaimResult r = runner().run(new PrunedLossCorollary());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 200, "tries " + r.tries());
        ClaimResult d = runner().run(new GreedyDistanceBound());
        assertEquals("HOLDS", d.verdict(), d.reason());
        assertTrue(d.worstRatio() <= 1 + 1e-9, "worst ratio " + d.worstRatio());
    }
}
