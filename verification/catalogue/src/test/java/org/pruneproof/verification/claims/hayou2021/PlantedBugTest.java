package org.pruneproof.verification.claims.hayou2021;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.meanfield.EdgeOfChaos;
import org.pruneproof.reference.meanfield.EocPoint;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reference.pruning.Rescaling;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.meanfield.ReluMeanField;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.plantedbugs.EocSolver;
import org.pruneproof.verification.plantedbugs.Pruner;
import org.pruneproof.verification.plantedbugs.RowRescaler;

/**
 * The hard Hayou et al. claims have teeth: each is falsified when a plausible wrong implementation is injected.
 */
class PlantedBugTest {

    @TempDir
    Path store;

    private ClaimRunner runner(int tries) {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", tries, null, "test"));
    }

    private void assertFalsified(ClaimResult r) {
        assertEquals("FALSIFIED", r.verdict(), r.reason());
    }

    @Test
    void eocSolverReturningTheSquaredScaleIsFalsified() {
        // σ_w² = 1/E[φ'²] mistaken for σ_w: returns 1/E[φ'²] instead of its square root
        EocSolver squared = (phi, sigmaB) -> {
            EocPoint p = EdgeOfChaos.byFixedPoint(phi, sigmaB);
            return new EocPoint(p.activation(), sigmaB, p.sigmaW() * p.sigmaW(), p.q(), p.chi());
        };
        assertFalsified(runner(10).run(new EocValues(squared)));
    }

    @Test
    void eocSolverWithAuthorsRoundedConstantIsFalsified() {
        // eoc_curves.py-style Monte Carlo precision: σ_w off by 0.3% (the authors' tanh constant 1.2981 vs 1.30415)
        EocSolver rounded = (phi, sigmaB) -> {
            EocPoint p = EdgeOfChaos.byFixedPoint(phi, sigmaB);
            double sw = p.sigmaW() * 0.997;
            MeanField mf = new MeanField(phi, sigmaB, sw);
            return new EocPoint(p.activation(), sigmaB, sw, p.q(), mf.chi(p.q()));
        };
        assertFalsified(runner(10).run(new EocValues(rounded)));
    }

    @Test
    void kernelRescalingToTheAuthorsSigmaW2PerGroupIsFalsified() {
        // The authors' code normalises every (channel, offset) group to σ_w², k_h·k_w times the expected norm.
        RescalingRestoresKernelNorm.KernelRescaler authors = c -> org.pruneproof.reference.pruning.KernelRescaling.restoreKernelNorms(
                c.weights(), c.keep(), c.cOut(), c.cIn(), c.kh(), c.kw(), c.sigmaW2() * c.kh() * c.kw());
        assertFalsified(runner(200).run(new RescalingRestoresKernelNorm(authors)));
    }

    @Test
    void kernelRescalingThatKeepsPrunedWeightsIsFalsified() {
        RescalingRestoresKernelNorm.KernelRescaler leaky = c -> {
            var r = org.pruneproof.reference.pruning.KernelRescaling.restoreKernelNorms(c.weights(), c.keep(), c.cOut(), c.cIn(),
                    c.kh(), c.kw(), c.sigmaW2());
            double[] w = r.weights().clone();
            for (int k = 0; k < w.length; k++) {
                if (!c.keep()[k] && w[k] == 0) {
                    w[k] = c.weights()[k];
                }
            }
            return new org.pruneproof.reference.pruning.KernelRescaling.Result(w, r.factors(), r.deadGroups());
        };
        assertFalsified(runner(200).run(new RescalingRestoresKernelNorm(leaky)));
    }

    @Test
    void correlationMapWithoutTheLinearTermIsFalsified() {
        // the arc-cosine kernel without the c/2 term (the un-normalised first-order kernel): 1 − f(1 − δ) off
        assertFalsified(runner(20).run(new ReluCorrelationAsymptotics(d -> ReluMeanField.eocCorrelationGap(d) * 1.01)));
    }

    @Test
    void authorsRescalingFormulaIsFalsified() {
        // SNIP.py: ρ_i = 1/(√scaling_i + 0.001), scaling_i = mean_j(W_ij²δ_ij·fan/σ_w²)
        RowRescaler authors = (net, mask) -> {
            Network pruned = Rescaling.apply(net, mask);
            DMatrixRMaj[] w = pruned.weights();
            double s2 = net.sigmaW() * net.sigmaW();
            for (DMatrixRMaj m : w) {
                for (int i = 0; i < m.numRows; i++) {
                    double scaling = 0;
                    for (int j = 0; j < m.numCols; j++) {
                        scaling += m.get(i, j) * m.get(i, j) * m.numCols / s2;
                    }
                    scaling /= m.numCols;
                    double rho = 1 / (Math.sqrt(scaling) + 0.001);
                    for (int j = 0; j < m.numCols; j++) {
                        m.set(i, j, m.get(i, j) * rho);
                    }
                }
            }
            return new Rescaling.Result(pruned, new double[w.length][], java.util.List.of());
        };
        assertFalsified(runner(50).run(new RescalingRestoresRowNorm(authors)));
    }

    @Test
    void magnitudeScoresWithALayerOffsetAreFalsified() {
        // a per-layer additive term (e.g. a misplaced regulariser) breaks the invariance under W → cW
        java.util.function.Function<Network, double[][]> offset = net -> {
            double[][] g = Scores.magnitude(net);
            for (int l = 0; l < g.length; l++) {
                for (int k = 0; k < g[l].length; k++) {
                    g[l][k] += 1e-2 * l;
                }
            }
            return g;
        };
        assertFalsified(runner(100).run(new MbpScaleInvariance(offset)));
    }

    @Test
    void pruningWithInvertedDropoutScalingIsFalsified() {
        // kept weights divided by the keep rate 1 − s (inverted dropout): rows gain norm, χ̂ > 1
        Pruner dropout = (net, criterion, s, x, labels, random) -> {
            Network pruned = Pruner.REFERENCE.prune(net, criterion, s, x, labels, random);
            DMatrixRMaj[] w = pruned.copyWeights();
            for (DMatrixRMaj m : w) {
                for (int k = 0; k < m.getNumElements(); k++) {
                    m.data[k] /= Math.max(1e-3, 1 - s);
                }
            }
            return pruned.withWeights(w);
        };
        assertFalsified(runner(40).run(new PruningOrders(dropout)));
    }

    @Test
    void resNetWithoutStableScalingIsFalsified() {
        // branches not divided by √L: q^L/q^0 = (1 + σ_w²/2)^L exceeds e^{σ_w²/2}
        StableResNetBounded.Recursion unscaled = (sigmaW, blocks) -> {
            MeanField branch = new MeanField(Activations.RELU, 0, sigmaW);
            double q = 1;
            for (int l = 0; l < blocks; l++) {
                q = q + branch.variance(q);
            }
            return q;
        };
        assertFalsified(runner(50).run(new StableResNetBounded(unscaled)));
    }
}
