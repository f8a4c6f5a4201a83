package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.gen.ExperimentSeed;

/**
 * {@code hayou2021.scr-eoc}: initialised on the Edge of Chaos, SBP reaches very high sparsity before any layer
 * collapses: s_cr ≥ 0.98 for depths up to 100 at width 100 (Theorem 1, EOC part; notes hayou2021.md §4.2).
 */
public final class ScrEoc implements Claim<ExperimentSeed> {


    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.scr-eoc")
                .title("On the Edge of Chaos, s_cr ≥ 0.98 for depths up to 100 at width 100")
                .statement("\\chi = 1:\\; \\mathrm{median}\\, s_{cr} \\ge 0.98 \\quad (L \\le 100,\\ N = 100)")
                .provenance(Provenance.paperRecalled(Paper.HAYOU2021, "Theorem 1, EOC part (recalled); calibration in notes hayou2021.md §4.2"))
                .expected(Expectation.HOLDS)
                .hypotheses(CriticalSparsitySweep.SETTING + "; σ_w on the EOC (1.30415, from the reference solver)")
                .tolerance("every L: the median s_cr over " + CriticalSparsitySweep.SEEDS + " seeds ≥ 0.98 (ratio (1 − s_cr)/0.02); single seeds can fall to ≈ 0.96 "
                        + "at L = 100 (minimum reported in the details)")
                .budget(Budget.experiments(1, 60))
                .build();
    }

    @Override
    public Gen<ExperimentSeed> instances() {
        return ExperimentSeed.generator();
    }

    @Override
    public Outcome check(ExperimentSeed inst) {
        double sigmaW = PruningOrders.eoc(Activations.TANH, CriticalSparsitySweep.SIGMA_B).sigmaW();
        CriticalSparsitySweep sweep = CriticalSparsitySweep.run(sigmaW, inst.seed());
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        for (int k = 0; k < sweep.depths().length; k++) {
            ineq.atMost("1 − median s_cr ≤ 0.02", sweep.depths()[k], 1 - sweep.criticalSparsity()[k], 0.02);
        }
        return ineq.outcome().withDetail("sigmaW", sigmaW).withDetail("s_cr", sweep.criticalSparsity())
                .withDetail("collapsingLayer", sweep.collapsingLayer()).withDetail("min_s_cr", sweep.minCriticalSparsity())
                .withSeries(sweep.series("EOC σ_w = " + String.format(java.util.Locale.ROOT, "%.5f", sigmaW)),
                        sweep.collapseSeries("EOC"));
    }
}
