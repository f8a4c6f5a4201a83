package org.pruneproof.verification.claims.wolfe2021;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.reference.twolayer.GradientDescent;
import org.pruneproof.reference.twolayer.NtkGram;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.pretraining.PretrainingBounds;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.LinearFit;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.gen.Networks;

/**
 * {@code wolfe2021.ntk-linear-convergence}: the dense pre-training ingredient (Du et al. 2019, Thm 5.1,
 * as recalled in docs/theory/wolfe2021.md W1): in NTK scaling, for N large and η small,
 * {@code S(t) ≤ (1 − ηλ₀/2)^t·S(0)}. Data with λ₀ fixed: orthonormal inputs X = I_m (H∞ = I/2, λ₀ = ½ for
 * every m; λ₀ is computed from H∞ by the symmetric eigensolver, not assumed).
 */
public final class NtkLinearConvergence implements Claim<NtkLinearConvergence.Experiment> {

    /**
     * One run: seed of the initialisation and targets, m (= d), width N, step η, iterations T.
     */
    public record Experiment(long seed, int points, int width, double stepSize, int iterations) {
    }

    /** m for the sizes 1, 2, 3, 4, … (cycling). */
    static final int[] POINTS = {8, 16, 32, 64};

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.ntk-linear-convergence")
                .title("NTK-scaled gradient descent contracts the dense loss at least like (1 − ηλ₀/2)^t")
                .statement("\\|y - u(t)\\|^2 \\le (1 - \\eta\\lambda_0/2)^t\\,\\|y - u(0)\\|^2,\\quad "
                        + "\\lambda_0 = \\lambda_{\\min}(H^\\infty),\\ t \\le T")
                .provenance(Provenance.recalled(Paper.WOLFE2021,
                        "Du et al. 2019 (Du, Zhai, Póczos, Singh, 'Gradient descent provably optimizes over-parameterized neural "
                        + "networks', ICLR 2019), Theorem 5.1 (recalled): linear convergence of GD in the NTK regime, the ingredient "
                        + "of Wolfe et al.'s NTK-regime analysis (TMLR abstract). Its hypotheses are NOT met here: it needs width "
                        + "N = Ω(m⁶/(λ₀⁴δ³)) and step η = O(λ₀/m²); the instances use N ≥ 50·m and η = 0.2; docs/theory/wolfe2021.md W1"))
                .expected(Expectation.HOLDS)
                .hypotheses("NTK scaling (1/√N), ReLU, output layer fixed ±1, w_r ~ N(0, I); orthonormal inputs X = I_m, "
                        + "y uniform on {±1}^m; loss ½‖u − y‖² (sum), step η = 0.2, T = 200; m ∈ {8, 16, 32, 64} and "
                        + "N = 50·m (the guard N ≥ 50m of the proof); instances with η > 1/λ_max(H(0)) are discarded "
                        + "(guard of the proof)")
                .tolerance("relative 1e-9 on every 1 ≤ t ≤ T; the measured per-step rate (log-linear fit of S(t)) is recorded")
                .budget(Budget.experiments(4, 60))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> {
            int m = POINTS[(size - 1) % POINTS.length];
            return new Experiment(r.nextLong(), m, 50 * m, 0.2, 200);
        };
    }

    @Override
    public Outcome check(Experiment e) {
        if (e.width() < 50 * e.points()) {
            return Outcome.discard("width N < 50·m (outside the guard)");
        }
        SplittableRandom r = new SplittableRandom(e.seed());
        int m = e.points();
        DMatrixRMaj x = CommonOps_DDRM.identity(m);
        double[] y = Networks.signs(r, m);
        TwoLayerNetwork net = Networks.random(r, e.width(), m, Scaling.NTK);
        double lambda0 = NtkGram.smallestEigenvalue(NtkGram.infiniteWidth(x));
        double lambdaMaxInit = NtkGram.largestEigenvalue(NtkGram.empirical(net, x));
        if (e.stepSize() > 1 / lambdaMaxInit) {
            return Outcome.discard("η > 1/λ_max(H(0)) (outside the guard)");
        }
        Trajectory<TwoLayerNetwork> tr = GradientDescent.train(net, x, y, TrainingConfig.fullBatch(e.stepSize(), e.iterations()));
        if (tr.diverged()) {
            return Outcome.fails(Double.POSITIVE_INFINITY, "gradient descent diverged at t = " + tr.divergedAt());
        }
        Inequalities ineq = Inequalities.hard();
        double s0 = tr.lossAt(0);
        double[] ts = new double[e.iterations() + 1];
        double[] bound = new double[ts.length];
        double[] logS = new double[ts.length];
        for (int t = 0; t <= e.iterations(); t++) {
            ts[t] = t;
            bound[t] = PretrainingBounds.ntkContraction(e.stepSize(), lambda0, t) * s0;
            logS[t] = StrictMath.log(tr.lossAt(t));
            if (t == 0) {
                continue; // S(0) ≤ S(0): an identity, not evidence
            }
            ineq.atMost("S(t) ≤ (1 − ηλ₀/2)^t S(0)", t, tr.lossAt(t), bound[t]);
        }
        double rate = StrictMath.exp(LinearFit.of(ts, logS).slope());
        String plot = "dense NTK loss S(t), m = " + m;
        return ineq.outcome()
                .withDetail("m", m).withDetail("N", e.width()).withDetail("eta", e.stepSize())
                .withDetail("lambda0", lambda0).withDetail("lambdaMaxH0", lambdaMaxInit)
                .withDetail("measuredRatePerStep", rate)
                .withDetail("boundRatePerStep", 1 - e.stepSize() * lambda0 / 2)
                .withDetail("S0overM", s0 / m)
                .withSeries(new Series(plot, "measured S(t)", "measured", "t", "‖u − y‖²", false, true, ts, tr.losses()),
                        new Series(plot, "bound (1 − ηλ₀/2)^t S(0)", "bound", "t", "‖u − y‖²", false, true, ts, bound));
    }
}
