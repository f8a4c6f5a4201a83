package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.meanfield.CriticalSparsityBounds;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.CriticalSparsitySweep;
import org.pruneproof.verification.gen.ExperimentSeed;

/**
 * {@code hayou2021.scr-ordered-phase}: in the ordered phase (χ &lt; 1) SBP collapses one of the first layers, and
 * s_cr·L is roughly constant in L (the shape O(log(L·N²)/L) of the recalled Theorem 1). The recalled bound
 * (1/L)(1 + log(κLN²)/κ), κ = |log χ|/8, is reported beside the measurement, not asserted: its constants are
 * unverified (docs/theory/hayou2021.md).
 */
public final class ScrOrderedPhase implements Claim<ExperimentSeed> {


    static final double SIGMA_W = 0.6;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.scr-ordered-phase")
                .title("Ordered phase: s_cr·L roughly constant and the first layers collapse (recalled Theorem 1 bound reported)")
                .statement("\\chi < 1:\\; s_{cr} = O\\big(\\tfrac{\\log(L N^2)}{L}\\big),\\ "
                        + "\\mathbb{E}[s_{cr}] \\le \\tfrac1L\\big(1 + \\tfrac{\\log(\\kappa L N^2)}{\\kappa}\\big),\\ \\kappa = \\tfrac{|\\log\\chi|}{8}")
                .provenance(Provenance.recalled(Paper.HAYOU2021, "Theorem 1 (recalled; the factor 8 in κ and the example are unconfirmed); docs/theory/hayou2021.md"))
                .expected(Expectation.HOLDS)
                .hypotheses(CriticalSparsitySweep.SETTING + "; " + CriticalSparsitySweep.MEDIANS + "; σ_w = 0.6 (χ ≈ 0.324, ordered)")
                .tolerance("on the medians over " + CriticalSparsitySweep.SEEDS + " seeds (docs/theory/hayou2021.md: compare medians): the collapsing layer is in "
                        + "{0, …, 3} for every L, max/min of s_cr·L over L ≤ 1.5, and s_cr decreases in L; single seeds can "
                        + "collapse layer 4 (the latest over the seeds is in the details). "
                        + "The recalled bound is reported in the details and plot only (unverified constants)")
                .budget(Budget.experiments(1, 60))
                .build();
    }

    @Override
    public Gen<ExperimentSeed> instances() {
        return ExperimentSeed.generator();
    }

    @Override
    public Outcome check(ExperimentSeed inst) {
        CriticalSparsitySweep sweep = CriticalSparsitySweep.run(SIGMA_W, inst.seed());
        double chi = CriticalSparsitySweep.chi(SIGMA_W);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        int n = sweep.depths().length;
        double[] scaled = new double[n];
        double[] bound = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int k = 0; k < n; k++) {
            int depth = sweep.depths()[k];
            ineq.atMost("median collapsing layer ≤ 3", depth, sweep.collapsingLayer()[k], 3);
            scaled[k] = sweep.criticalSparsity()[k] * depth;
            lo = Math.min(lo, scaled[k]);
            hi = Math.max(hi, scaled[k]);
            bound[k] = CriticalSparsityBounds.orderedPhaseRecalled(chi, depth, CriticalSparsitySweep.WIDTH);
            if (k > 0) {
                ineq.atMost("s_cr decreases in L", depth, sweep.criticalSparsity()[k], sweep.criticalSparsity()[k - 1]);
            }
        }
        ineq.atMost("max/min of s_cr·L", 0, hi / lo, 1.5);
        return ineq.outcome().withDetail("chi", chi).withDetail("s_cr", sweep.criticalSparsity())
                .withDetail("s_cr_times_L", scaled).withDetail("collapsingLayer", sweep.collapsingLayer())
                .withDetail("latestCollapsingLayer", sweep.latestLayer())
                .withDetail("recalledBound_unverified", bound)
                .withSeries(sweep.series("ordered σ_w = 0.6"), 
                        Series.measured("s_cr against depth L", "recalled Theorem 1 bound (unverified)", "depth L", "s_cr",
                                sweep.depthsAsDoubles(), bound).withRole("bound"),
                        sweep.collapseSeries("ordered σ_w = 0.6"));
    }
}
