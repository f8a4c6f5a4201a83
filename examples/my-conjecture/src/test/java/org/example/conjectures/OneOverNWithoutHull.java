package org.example.conjectures;

import org.pruneproof.reference.greedy.GreedyForwardSelection;
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

/**
 * A plausible statement that is false: "the greedy loss falls like 1/n, L_n ≤ L_1/n, for any target". Ye et al.'s
 * 1/n rate needs the target inside the convex hull of the features; a far target keeps L_n near a positive constant.
 * The claim expects to be falsified, so its test passes when the engine finds (and shrinks) a counterexample.
 */
public final class OneOverNWithoutHull implements Claim<GreedyProblem> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("mine.one-over-n-any-target")
                .title("L_n ≤ L_1/n for any target (false: the rate needs y in the hull)")
                .statement("L_n \\le L_1 / n")
                .provenance(Provenance.conjecture(Paper.YE2020, "a tempting over-generalisation"))
                .expected(Expectation.FALSIFIED)
                .targeted() // after the random phase, climb on the violation margin L_n / (L_1/n) from the worst instances
                .build();
    }

    @Override
    public Gen<GreedyProblem> instances() {
        return GreedyProblem.gaussian(10);
    }

    @Override
    public Outcome check(GreedyProblem p) {
        GreedyPath path = GreedyForwardSelection.withReplacement(p.phi(), p.target(), p.steps());
        Inequalities ineq = Inequalities.hard();
        for (int n = 1; n <= path.steps(); n++) {
            ineq.atMost("L_n ≤ L_1/n", n, path.lossAt(n), path.lossAt(1) / n);
        }
        return ineq.outcome();
    }

    @Override
    public Shrinker<GreedyProblem> shrinker() {
        return GreedyProblem.shrinker();
    }
}
