package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.gen.ExperimentSeed;

/**
 * {@code hayou2021.scr-chaotic-phase}: in the chaotic phase (χ &gt; 1) gradients explode backward, so SBP scores are
 * smallest in the last layers and one of the last layers collapses first (notes hayou2021.md §4.2, §4.7).
 */
public final class ScrChaoticPhase implements Claim<ExperimentSeed> {


    static final double SIGMA_W = 1.6;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.scr-chaotic-phase")
                .title("Chaotic phase: SBP collapses one of the last layers first")
                .statement("\\chi > 1:\\; \\arg\\min_l r_l \\text{ among the last layers: median} \\ge L - 8,\\ \\text{every seed} \\ge L/2")
                .provenance(Provenance.paperRecalled(Paper.HAYOU2021, "Theorem 1 discussion (recalled: chaotic nets are ill-conditioned); notes hayou2021.md §4.2"))
                .expected(Expectation.HOLDS)
                .hypotheses(CriticalSparsitySweep.SETTING + "; " + CriticalSparsitySweep.MEDIANS + "; σ_w = 1.6 (χ ≈ 1.15, chaotic)")
                .tolerance("over " + CriticalSparsitySweep.SEEDS + " seeds and every L: the median collapsing layer is in {L−8, …, L−1} and every seed's in the back half {L/2, …, L−1} "
                        + "(calibration: layers 14–18 of 20, 42–46 of 50, 92–98 of 100; the notes' [L−4, L−1] is too narrow for this setting)")
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
        for (int k = 0; k < sweep.depths().length; k++) {
            int depth = sweep.depths()[k];
            ineq.atMost("layers between the median collapsing layer and the last", depth, depth - 1 - sweep.collapsingLayer()[k], 7);
            ineq.atMost("L/2 ≤ earliest collapsing layer over the seeds", depth, depth / 2.0, sweep.earliestLayer()[k]);
        }
        return ineq.outcome().withDetail("chi", chi).withDetail("s_cr", sweep.criticalSparsity())
                .withDetail("collapsingLayer", sweep.collapsingLayer())
                .withSeries(sweep.series("chaotic σ_w = 1.6"), sweep.collapseSeries("chaotic σ_w = 1.6"));
    }
}
