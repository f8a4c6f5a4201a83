package org.pruneproof.verification.claims.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.plantedbugs.ScaledGreedy;

/** The cross-check has teeth: planted bugs in the scaled engine are falsified and shrunk. */
class GreedySelectionCrossCheckTest {

    /** The real engine with ties broken towards the highest index (Φ's rows reversed, indices mapped back). */
    static final ScaledGreedy HIGHEST_INDEX_TIES = (phi, y, steps, v, p) -> {
        int n = phi.length;
        double[][] reversed = new double[n][];
        for (int i = 0; i < n; i++) {
            reversed[i] = phi[n - 1 - i];
        }
        GreedyPath r = ScaledGreedy.SCALED.select(reversed, y, steps, v, p);
        int[] sel = r.selected();
        for (int k = 0; k < sel.length; k++) {
            sel[k] = n - 1 - sel[k];
        }
        return new GreedyPath(sel, r.loss());
    };

    /** The real engine, but each step reports the loss of the previous step (an off-by-one). */
    static final ScaledGreedy STALE_LOSS = (phi, y, steps, v, p) -> {
        GreedyPath r = ScaledGreedy.SCALED.select(phi, y, steps, v, p);
        double[] loss = r.loss();
        double[] shifted = new double[loss.length];
        for (int k = 0; k < loss.length; k++) {
            shifted[k] = k == 0 ? loss[0] : loss[k - 1];
        }
        return new GreedyPath(r.selected(), shifted);
    };

    /** Random candidates drawn from the wrong seed (an off-by-one in seeding the candidates' random source). */
    static final ScaledGreedy OFF_BY_ONE_SEED = (phi, y, steps, v, p) -> v.candidates() == 0
            ? ScaledGreedy.SCALED.select(phi, y, steps, v, p)
            : ScaledGreedy.SCALED.select(phi, y, steps, new ScaledGreedy.Variant(v.withReplacement(), v.candidates(), v.seed() + 1), p);

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 11, "default", 300, null, "test"));
    }

    @Test
    void tiesToTheHighestIndexAreFalsifiedAndShrunkToTwoIdenticalNeurons() {
        ClaimResult r = runner().run(new GreedySelectionCrossCheck(HIGHEST_INDEX_TIES));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("phi").size() == 2, "shrunk to two neurons: " + inst);
        assertTrue(inst.get("steps").asInt() == 1, "shrunk to one step: " + inst);
    }

    @Test
    void aStaleLossIsFalsifiedAndShrunk() {
        ClaimResult r = runner().run(new GreedySelectionCrossCheck(STALE_LOSS));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("phi").size() <= 2 && inst.get("steps").asInt() == 2, "shrunk: " + inst);
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk");
    }

    @Test
    void candidatesFromAnotherSeedAreFalsified() {
        ClaimResult r = runner().run(new GreedySelectionCrossCheck(OFF_BY_ONE_SEED));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.reason().contains("candidates"), r.reason());
    }

    @Test
    void theNd4jEngineHoldsWhereThePlantedBugsFail() {
        ClaimResult r = runner().run(new GreedySelectionCrossCheck());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 200, "at least 200 instances checked, got " + r.tries());
        assertTrue(r.worstRatio() <= 1, "worst ratio within the bound: " + r.worstRatio());
    }
}
