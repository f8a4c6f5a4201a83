package org.pruneproof.verification.claims.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.GlobalSelection;
import org.pruneproof.scaled.pruning.GlobalThreshold;
import org.pruneproof.scaled.pruning.InitMethod;
import org.pruneproof.scaled.pruning.KernelRescaling;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.plantedbugs.ScaledDensePruner;

/** The cross-check has teeth: planted bugs in the scaled pruning are falsified and shrunk. */
class PruningScoresCrossCheckTest {

    /** Re-selects with the real engine's scores through {@code select}, then masks (and for SBP-SR rescales) the weights. */
    private static DensePruningResult reselect(DensePruningResult real, double[][] scores, GlobalSelection sel,
                                               List<INDArray> weights, double[] targets) {
        double[][] w = new double[weights.size()][];
        int[][] dead = new int[weights.size()][];
        for (int l = 0; l < w.length; l++) {
            INDArray m = weights.get(l);
            w[l] = m.dup('c').data().asDouble();
            boolean[] keep = sel.keep()[l];
            if (real.method() == InitMethod.SBP_SR) {
                dead[l] = KernelRescaling.rescale(w[l], keep, (int) m.rows(), (int) m.columns(), 1, 1, targets[l]);
            } else {
                for (int k = 0; k < w[l].length; k++) {
                    w[l][k] = keep[k] ? w[l][k] : 0;
                }
                dead[l] = new int[0];
            }
        }
        return new DensePruningResult(real.method(), real.sparsity(), scores, sel, w, dead, real.loss());
    }

    /** The real scores, but ties at the threshold broken towards the higher position (all positions reversed). */
    static final ScaledDensePruner HIGHER_POSITION_TIES = (net, method, s, x, labels, seed, targets) -> {
        DensePruningResult real = ScaledDensePruner.SCALED.prune(net, method, s, x, labels, seed, targets);
        double[][] sc = real.scores();
        int layers = sc.length;
        double[][] reversed = new double[layers][];
        for (int l = 0; l < layers; l++) {
            double[] v = sc[layers - 1 - l];
            reversed[l] = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                reversed[l][k] = v[v.length - 1 - k];
            }
        }
        GlobalSelection r = GlobalThreshold.select(reversed, s);
        boolean[][] keep = new boolean[layers][];
        long[] perLayer = new long[layers];
        for (int l = 0; l < layers; l++) {
            boolean[] k = r.keep()[layers - 1 - l];
            keep[l] = new boolean[k.length];
            for (int p = 0; p < k.length; p++) {
                keep[l][p] = k[k.length - 1 - p];
                perLayer[l] += keep[l][p] ? 1 : 0;
            }
        }
        GlobalSelection sel = new GlobalSelection(keep, perLayer, r.total(), r.kept(), real.selection().criticalSparsity(),
                real.selection().collapsedLayer(), real.selection().collapseRanks());
        List<INDArray> ws = new java.util.ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            ws.add(net.weight(l));
        }
        return reselect(real, sc, sel, ws, targets);
    };

    /** SNIP scores |∂L/∂W| without the factor W. */
    static final ScaledDensePruner GRADIENT_WITHOUT_WEIGHT = (net, method, s, x, labels, seed, targets) -> {
        DensePruningResult real = ScaledDensePruner.SCALED.prune(net, method, s, x, labels, seed, targets);
        if (method != InitMethod.SNIP && method != InitMethod.SBP_SR) {
            return real;
        }
        List<INDArray> grads = net.lossAndGradients(x, labels).weightGradients();
        double[][] sc = new double[grads.size()][];
        List<INDArray> ws = new java.util.ArrayList<>();
        for (int l = 0; l < sc.length; l++) {
            sc[l] = grads.get(l).dup('c').data().asDouble();
            for (int k = 0; k < sc[l].length; k++) {
                sc[l][k] = Math.abs(sc[l][k]);
            }
            ws.add(net.weight(l + 1));
        }
        return reselect(real, sc, GlobalThreshold.select(sc, s), ws, targets);
    };

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 11, "default", 300, null, "test"));
    }

    @Test
    void tiesToTheHigherPositionAreFalsifiedAndShrunk() {
        ClaimResult r = runner().run(new PruningScoresCrossCheck(HIGHER_POSITION_TIES));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk: " + inst);
        assertTrue(inst.get("depth").asInt() <= 2 && inst.get("width").asInt() <= 2 && inst.get("inputDim").asInt() <= 2,
                "shrunk to a tiny network: " + inst);
    }

    @Test
    void scoresWithoutTheWeightAreFalsifiedAndShrunk() {
        ClaimResult r = runner().run(new PruningScoresCrossCheck(GRADIENT_WITHOUT_WEIGHT));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk: " + inst);
        assertTrue(inst.get("depth").asInt() == 1 && inst.get("width").asInt() == 1, "shrunk: " + inst);
        assertTrue(r.reason().contains("score"), r.reason());
    }

    @Test
    void theNd4jEngineHolds() {
        ClaimResult r = runner().run(new PruningScoresCrossCheck());
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertTrue(r.tries() >= 200, "at least 200 instances checked, got " + r.tries());
        assertTrue(r.worstRatio() <= 1, "worst ratio within the bound: " + r.worstRatio());
    }
}
