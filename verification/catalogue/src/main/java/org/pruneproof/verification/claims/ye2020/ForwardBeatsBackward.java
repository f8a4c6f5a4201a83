package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.BackwardElimination;
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
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * {@code ye2020.forward-beats-backward} (open): greedy forward selection (with replacement, the
 * theory's version) is at least as good as backward elimination ({@link BackwardElimination}: start
 * from all N neurons, remove the least useful one at a time, 1/|S| averaging) at every equal size
 * n ≤ min(steps, N) (notes ye2020.md §8.6).
 */
public final class ForwardBeatsBackward implements Claim<FeatureInstance> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.forward-beats-backward")
                .title("Forward selection is at least as good as backward elimination at equal size")
                .statement("L_n^{\\text{forward}} \\le L_n^{\\text{backward}} \\quad \\forall n \\le N")
                .provenance(Provenance.conjecture(Paper.YE2020, "open question of notes ye2020.md §8.6; the authors' README compares adding and deleting"))
                .expected(Expectation.OPEN)
                .hypotheses("forward greedy with replacement against backward elimination; any Φ, y; n ≤ min(steps, N)")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return GreedyInstances.withArbitraryTarget();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        DMatrixRMaj phi = inst.features();
        int steps = Math.min(inst.steps(), phi.numRows);
        GreedyPath forward = GreedySelection.WITH_REPLACEMENT.select(phi, inst.y(), steps);
        GreedyPath backward = BackwardElimination.run(phi, inst.y());
        Inequalities ineq = Inequalities.hard();
        for (int n = 1; n <= steps; n++) {
            ineq.atMost("L_n forward ≤ L_n backward", n, forward.lossAt(n), backward.lossAt(n));
        }
        return ineq.outcome().withDetail("N", phi.numRows).withDetail("forward", forward.loss())
                .withDetail("backward", backward.loss());
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
