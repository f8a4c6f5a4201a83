package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * The engine has teeth: with a greedy that picks the second-best neuron, the hard claims are
 * falsified and their counterexamples shrunk.
 */
class PlantedBugTest {

    /** Greedy with replacement that takes the second-best candidate at every step (when N ≥ 2). */
    static final GreedySelection SECOND_BEST = (DMatrixRMaj phi, double[] y, int steps) -> {
        int n = phi.numRows;
        int m = phi.numCols;
        double[] sum = new double[m];
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        for (int step = 1; step <= steps; step++) {
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    double d = (sum[j] + phi.get(i, j)) / step - y[j];
                    s += d * d;
                }
                l[i] = s / m;
            }
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (l[i] < l[best]) {
                    best = i;
                }
            }
            int second = n == 1 ? 0 : (best == 0 ? 1 : 0);
            for (int i = 0; i < n; i++) {
                if (i != best && l[i] < l[second]) {
                    second = i;
                }
            }
            for (int j = 0; j < m; j++) {
                sum[j] += phi.get(second, j);
            }
            selected[step - 1] = second;
            loss[step - 1] = l[second];
        }
        return new GreedyPath(selected, loss);
    };

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", 300, null, "test"));
    }

    @Test
    void secondBestGreedyFalsifiesRealizableRateAndShrinksIt() {
        ClaimResult r = runner().run(new RealizableRate(SECOND_BEST));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        int neurons = inst.get("phi").size();
        int points = inst.get("phi").get(0).size();
        assertTrue(neurons <= 3 && points <= 2, "shrunk to " + neurons + " neurons on " + points + " points: " + inst);
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk");
    }

    @Test
    void secondBestGreedyFalsifiesFirstStep() {
        ClaimResult r = runner().run(new FirstStep(SECOND_BEST));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("phi").size() <= 2, "shrunk to at most 2 neurons: " + inst);
        assertTrue(inst.get("y").size() == 1, "shrunk to one point: " + inst);
    }

    @Test
    void referenceGreedyHoldsWhereThePlantedBugFails() {
        ClaimResult r = runner().run(new RealizableRate());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 200, "at least 200 instances checked, got " + r.tries());
        assertTrue(r.worstRatio() <= 1 + 1e-9, "worst ratio within the hard tolerance: " + r.worstRatio());
    }
}
