package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.LogLogFit;
import org.pruneproof.verification.experiments.RateExperiment;

/**
 * {@code ye2020.face-target-rate} (statistical): the interior condition matters. With the target on a
 * low-dimensional face of the hull (a Dirichlet mix of 5 of N = 2000 random ReLU features on m = 50
 * points, so r = 0) greedy does not show the 1/n² regime: the log–log slope over n ∈ [100, 2000]
 * stays at least {@value #THRESHOLD}, the slope that {@code ye2020.fast-rate-slope} requires of interior
 * targets (docs/theory/ye2020.md, contrast instance: slope ≈ −1.33, n²L_n growing), and n²·L_n grows over
 * the window, i.e. the loss is not O(1/n²). (A cut at −1.5 was falsified by the full budget: one face
 * target gave −1.54 while its n²L_n still grew.)
 */
public final class FaceTargetRate implements Claim<RateExperiment> {

    /** Slopes must stay above the fast rate's threshold, the one {@code ye2020.fast-rate-slope} asserts. */
    static final double THRESHOLD = FastRateSlope.THRESHOLD;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.face-target-rate")
                .title("Targets on a low-dimensional face do not get the 1/n² rate")
                .statement("y \\in \\mathrm{conv}\\{\\varphi_{i_1},\\dots,\\varphi_{i_5}\\},\\ r = 0 \\Rightarrow "
                        + "\\widehat{\\mathrm{slope}}_{[100, 2000]} \\ge -1.8 \\text{ and } n^2 L_n \\text{ grows}")
                .provenance(Provenance.conjecture(Paper.YE2020, "ours, not the paper's: a contrast instance for the interior-target rate "
                        + "(docs/theory/ye2020.md); the −1.8 cut is the one of ye2020.fast-rate-slope"))
                .expected(Expectation.HOLDS)
                .hypotheses("3 experiments (seeds from the run seed); m = 50 points, d = 5, N = 2000 ReLU features; "
                        + "y a Dirichlet(1) mix of 5 random features; 2000 steps with replacement")
                .tolerance("fit window n ∈ [100, 2000], zero losses dropped; slope ≥ −1.8 (the fast-rate threshold) and the mean of n²L_n over "
                        + "[1000, 2000] above its mean over [100, 200]")
                .budget(Budget.experiments(3, 120))
                .build();
    }

    @Override
    public Gen<RateExperiment> instances() {
        return (r, size) -> new RateExperiment(r.nextLong(), 50, 5, 2000, 5, 2000, 100, 2000);
    }

    @Override
    public Outcome check(RateExperiment e) {
        RateExperiment.Problem p = e.problem();
        GreedyPath path = GreedyForwardSelection.withReplacement(new DMatrixRMaj(p.phi()), p.y(), e.steps());
        double[] loss = path.loss();
        LogLogFit fit = LogLogFit.of(loss, e.fitFrom(), e.fitTo());
        double early = meanScaled(loss, 100, 200);
        double late = meanScaled(loss, 1000, 2000);
        Outcome.Checked slope = FastRateSlope.slopeOutcome(fit, THRESHOLD, false);
        boolean grows = late > early;
        Outcome.Checked out = slope.holds() && !grows
                ? Outcome.fails(slope.ratio(), slope.message() + "; but n²L_n does not grow: " + late + " ≤ " + early)
                        .withDetail("slope", fit.slope())
                : slope;
        String plot = "L_n against n (log–log)";
        return out.withDetail("mean n²L_n on [100, 200]", early).withDetail("mean n²L_n on [1000, 2000]", late)
                .withSeries(LogLogFit.curve(plot, "greedy L_n (face target)", loss, 200),
                        fit.line(plot, String.format(java.util.Locale.ROOT, "fit, slope %.3f", fit.slope())));
    }

    private static double meanScaled(double[] loss, int from, int to) {
        double s = 0;
        for (int n = from; n <= to; n++) {
            s += (double) n * n * loss[n - 1];
        }
        return s / (to - from + 1);
    }
}
