package org.pruneproof.verification.claims.hayou2021;

import java.util.Arrays;
import java.util.Locale;
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
 * {@code hayou2021.scr-ordered-bound-strong}: the recalled Theorem 1 bound E[s_cr] ≤ (1/L)(1 + ln(κLN²)/κ),
 * κ = |ln χ|/8 ({@link CriticalSparsityBounds}), checked where it says something: a strongly ordered initialisation
 * (σ_w = {@value #SIGMA_W}, χ well below 1) at the depths where the bound is below 1. At the σ_w of
 * {@code scr-ordered-phase} (χ ≈ 0.32) the bound is above 1 except at L = 100, so it is only reported there.
 */
public final class ScrOrderedBoundStrong implements Claim<ExperimentSeed> {

    static final double SIGMA_W = 0.3;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.scr-ordered-bound-strong")
                .title("Strongly ordered phase: the median s_cr is below the recalled Theorem 1 bound wherever that bound is below 1")
                .statement("\\chi \\ll 1:\\; \\mathrm{med}\\, s_{cr} \\le \\tfrac1L\\big(1 + \\tfrac{\\ln(\\kappa L N^2)}{\\kappa}\\big),\\ "
                        + "\\kappa = \\tfrac{|\\ln\\chi|}{8},\\ \\text{for every } L \\text{ with a bound} < 1")
                .provenance(Provenance.recalled(Paper.HAYOU2021, "Theorem 1, ordered phase (recalled: the factor 8 in κ, the "
                        + "logarithm's base and the dropped O(·) remainder are unconfirmed); docs/theory/hayou2021.md"))
                .expected(Expectation.HOLDS)
                .hypotheses(CriticalSparsitySweep.SETTING + "; " + CriticalSparsitySweep.MEDIANS + "; σ_w = " + SIGMA_W
                        + " (strongly ordered); depths whose recalled bound is ≥ 1 are reported, not checked")
                .tolerance("exact comparison of the median s_cr with the bound (natural logarithm, the weaker reading; the "
                        + "base-10 reading is reported); at least one depth must have a bound below 1; ratio = median/bound")
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
        int n = sweep.depths().length;
        double[] bound = new double[n];
        double[] bound10 = new double[n];
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        int checked = 0;
        double kappa10 = Math.abs(StrictMath.log10(chi)) / 8;
        for (int k = 0; k < n; k++) {
            int depth = sweep.depths()[k];
            bound[k] = CriticalSparsityBounds.orderedPhaseRecalled(chi, depth, CriticalSparsitySweep.WIDTH);
            bound10[k] = (1 + StrictMath.log10(kappa10 * depth * (double) CriticalSparsitySweep.WIDTH * CriticalSparsitySweep.WIDTH)
                    / kappa10) / depth;
            if (bound[k] < 1) {
                ineq.atMost("median s_cr ≤ recalled bound", depth, sweep.criticalSparsity()[k], bound[k]);
                checked++;
            }
        }
        if (checked == 0) {
            return Outcome.fails(Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                    "the recalled bound is ≥ 1 at every depth (χ = %.4f): nothing to check", chi));
        }
        return ineq.outcome().withDetail("chi", chi).withDetail("kappa", CriticalSparsityBounds.kappa(chi))
                .withDetail("s_cr", sweep.criticalSparsity()).withDetail("recalledBound_unverified", bound)
                .withDetail("recalledBoundLog10_unverified", bound10).withDetail("checkedDepths", checked)
                .withDetail("collapsingLayer", sweep.collapsingLayer())
                .withSeries(sweep.series("strongly ordered σ_w = " + SIGMA_W),
                        Series.measured("s_cr against depth L", "recalled bound, ln (unverified)", "depth L", "s_cr",
                                sweep.depthsAsDoubles(), bound).withRole("bound"),
                        Series.measured("s_cr against depth L", "recalled bound, log10 (unverified)", "depth L", "s_cr",
                                sweep.depthsAsDoubles(), Arrays.copyOf(bound10, n)).withRole("reference"));
    }
}
