package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.GreedyInstances;
import org.pruneproof.verification.gen.RealizableInstance;

/**
 * {@code ye2020.without-replacement-rate}: "the realizable 1/n bound n·L_n ≤ V_α also holds for
 * greedy selection without replacement" (the released code's variant). Plausible and false: the
 * bound's proof needs repeats, and without them it fails on random instances (notes ye2020.md §7.2,
 * 78 of 300 instances). Kept to show the counterexample, shrunk.
 */
public final class WithoutReplacementRate implements Claim<RealizableInstance> {

    /** The no-repeat greedy, run for min(steps, N) steps. */
    static final GreedySelection WITHOUT_REPLACEMENT = (phi, y, steps) ->
            GreedyForwardSelection.withoutReplacement(phi, y, Math.min(steps, phi.numRows));

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.without-replacement-rate")
                .title("Greedy selection without replacement keeps n·L_n ≤ V_α (false)")
                .statement("y = \\sum_i \\alpha_i \\varphi_i \\Rightarrow n\\,L^{\\text{no-repeat}}_n \\le V_\\alpha \\quad \\forall n \\le N")
                .provenance(Provenance.conjecture(Paper.YE2020, "the released code selects without replacement; notes ye2020.md §7.2 and §8.2"))
                .targeted()
                .expected(Expectation.FALSIFIED)
                .hypotheses("greedy without replacement, n ≤ min(steps, N); realizable targets y = g_α; V_α ≥ 1e-12")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<RealizableInstance> instances() {
        return GreedyInstances.realizable();
    }

    @Override
    public Outcome check(RealizableInstance inst) {
        DMatrixRMaj phi = inst.features();
        double spread = FeatureGeometry.spread(phi, inst.alpha());
        if (spread < RealizableRate.MIN_SPREAD) {
            return Outcome.discard("V_α < 1e-12: both sides vanish");
        }
        GreedyPath path = WITHOUT_REPLACEMENT.select(phi, inst.target(), inst.steps());
        Inequalities ineq = Inequalities.hard();
        for (int n = 1; n <= path.steps(); n++) {
            ineq.atMost("n·L_n ≤ V_α (no repeats)", n, n * path.lossAt(n), spread);
        }
        return ineq.outcome().withDetail("N", phi.numRows).withDetail("V_alpha", spread)
                .withDetail("selected", path.selected()).withDetail("loss", path.loss());
    }

    @Override
    public Shrinker<RealizableInstance> shrinker() {
        return RealizableInstance.shrinker();
    }
}
