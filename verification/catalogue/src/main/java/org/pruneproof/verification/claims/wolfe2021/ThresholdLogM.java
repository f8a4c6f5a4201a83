package org.pruneproof.verification.claims.wolfe2021;

import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.reference.twolayer.NtkGram;
import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.pretraining.PretrainingBounds;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.LinearFit;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.gen.Networks;

/**
 * {@code wolfe2021.threshold-log-m}: the main theorem's shape on synthetic data with λ₀ fixed
 * (orthonormal inputs, λ₀ = ½ for every m): the number of pre-training iterations after which the
 * greedily pruned network reaches a fixed loss grows linearly in ln m, with a slope no larger than the
 * theorem's sufficient slope 1/(−ln(1 − ηλ₀/2)) (docs/theory/wolfe2021.md W3, recipe 3 with n = 2m and
 * τ = κ·m/n, caveat §8.6: the pruned size grows with m so that the loss level is reachable).
 */
public final class ThresholdLogM implements Claim<ThresholdLogM.Experiment> {

    /**
     * One experiment (one seed): for each m, train a width-N mean-field network on X = I_m, y ∈ {±1}^m and
     * record the first iteration t_p(m) at which greedy with n = prunedPerPoint·m neurons reaches
     * S_n(t) ≤ tolerance.
     */
    public record Experiment(long seed, int[] points, int width, int prunedPerPoint, double tolerance,
                             double stepSize, int maxIterations) {
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.threshold-log-m")
                .title("The pre-training needed for a good pruned network grows linearly in log m (orthonormal data)")
                .statement("t_p(m) = \\min\\{t : S_n(t) \\le \\tau\\} \\approx a + b\\ln m,\\quad R^2 \\ge 0.9,\\quad "
                        + "0 < b \\le \\frac{1}{-\\ln(1 - \\eta\\lambda_0/2)}")
                .provenance(Provenance.readInAbstract(Paper.WOLFE2021,
                        "a reconstruction of the abstracts' headline: only 'the threshold depends logarithmically on the dataset size' "
                        + "is the paper's; t_p, τ, R² ≥ 0.9 and the slope bound (from Du et al.'s rate) are ours, docs/theory/wolfe2021.md W3"))
                .expected(Expectation.HOLDS)
                .hypotheses("MEAN-FIELD scaling (1/N; the NTK features do not move, see wolfe2021.ntk-scaling-threshold), ReLU, "
                        + "output layer fixed ±1; X = I_m, y uniform on {±1}^m, λ₀ = ½ from H∞; m ∈ {8, 16, 32, 64, 128}, "
                        + "N = 1000, full-batch GD on ½‖u − y‖² with step η·N, η = 0.2; greedy with replacement, n = 2m, "
                        + "τ = 0.25 on the sum loss S_n = ‖f_n − y‖² (κ = 0.5: τ = κ·m/n); checkpoints every iteration up to 40")
                .tolerance("fit over the 5 values of m of one seed: R² ≥ 0.9 and 0 < b ≤ b_bound = 1/(−ln(1 − ηλ₀/2)) ≈ 19.5; "
                        + "3 seeds (one experiment each); ratio = b/b_bound")
                .budget(Budget.experiments(3, 90))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> new Experiment(r.nextLong(), new int[] {8, 16, 32, 64, 128}, 1000, 2, 0.25, 0.2, 40);
    }

    @Override
    public Outcome check(Experiment e) {
        int[] ms = e.points();
        double[] lnM = new double[ms.length];
        double[] thresholds = new double[ms.length];
        Outcome.Checked base = null;
        java.util.List<Series> curves = new java.util.ArrayList<>();
        SplittableRandom r = new SplittableRandom(e.seed());
        double lambda0 = Double.NaN;
        for (int i = 0; i < ms.length; i++) {
            int m = ms[i];
            DMatrixRMaj x = CommonOps_DDRM.identity(m);
            lambda0 = NtkGram.smallestEigenvalue(NtkGram.infiniteWidth(x));
            double[] y = Networks.signs(r, m);
            TwoLayerNetwork net = Networks.random(r, e.width(), m, Scaling.MEAN_FIELD);
            int n = e.prunedPerPoint() * m;
            PruningAlongTraining.Curve curve = PruningAlongTraining.run(net, x, y,
                    TrainingConfig.fullBatch(e.stepSize(), e.maxIterations()).withCheckpointsEvery(1), n);
            if (curve.trajectory().diverged()) {
                return Outcome.fails(Double.POSITIVE_INFINITY, "pre-training diverged at t = "
                        + curve.trajectory().divergedAt() + " for m = " + m);
            }
            double[] s = curve.prunedLosses(n);
            int tp = -1;
            for (int k = 0; k < s.length; k++) {
                if (s[k] <= e.tolerance()) {
                    tp = curve.iterations()[k];
                    break;
                }
            }
            curves.add(new Series("pruned S_n(t) against t, n = 2m", "m = " + m, "measured", "t", "S_n(t)", false, true,
                    java.util.Arrays.stream(curve.iterations()).asDoubleStream().toArray(), s));
            if (tp < 0) {
                return Outcome.fails(Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                        "the pruned loss never reached τ = %.3g within %d iterations for m = %d (min %.4g)",
                        e.tolerance(), e.maxIterations(), m, java.util.Arrays.stream(s).min().orElse(Double.NaN)))
                        .withSeries(curves.toArray(Series[]::new));
            }
            lnM[i] = StrictMath.log(m);
            thresholds[i] = tp;
        }
        LinearFit fit = LinearFit.of(lnM, thresholds);
        double bBound = PretrainingBounds.thresholdSlopeBound(e.stepSize(), lambda0);
        boolean ok = fit.rSquared() >= 0.9 && fit.slope() > 0 && fit.slope() <= bBound;
        String msg = String.format(Locale.ROOT, "t_p = %s for m = %s: slope b = %.3g per ln m (bound %.3g), R² = %.3f",
                java.util.Arrays.toString(thresholds), java.util.Arrays.toString(ms), fit.slope(), bBound, fit.rSquared());
        double[] fitted = new double[lnM.length];
        for (int i = 0; i < lnM.length; i++) {
            fitted[i] = fit.at(lnM[i]);
        }
        base = (ok ? Outcome.holds(fit.slope() / bBound, msg) : Outcome.fails(fit.slope() / bBound, "violated: " + msg))
                .withDetail("thresholds", thresholds).withDetail("m", ms)
                .withDetail("slope", fit.slope()).withDetail("intercept", fit.intercept())
                .withDetail("rSquared", fit.rSquared()).withDetail("slopeBound", bBound).withDetail("lambda0", lambda0);
        return base.withSeries(curves.toArray(Series[]::new))
                .withSeries(Series.measured("threshold t_p against ln m", "t_p(m)", "ln m", "iterations", lnM, thresholds),
                        Series.measured("threshold t_p against ln m", "fit a + b ln m", "ln m", "iterations", lnM, fitted).withRole("fit"));
    }
}
