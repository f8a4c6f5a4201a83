package org.pruneproof.verification.claims.ye2020;

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
 * {@code ye2020.monotone-loss}: "the greedy loss never increases", L_{n+1} ≤ L_n. Plausible and false:
 * under uniform averaging the loss can go up (once f_n = y the next step must move away; notes
 * ye2020.md §7.1). Kept to show that the engine finds and shrinks the counterexample.
 */
public final class MonotoneLoss implements Claim<FeatureInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public MonotoneLoss() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public MonotoneLoss(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.monotone-loss")
                .title("The greedy loss never increases (false)")
                .statement("L_{n+1} \\le L_n \\quad \\forall n \\ge 1")
                .provenance(Provenance.conjecture(Paper.YE2020, "plausible reading of greedy selection; refuted in notes ye2020.md §7.1"))
                .targeted()
                .expected(Expectation.FALSIFIED)
                .hypotheses("greedy with replacement on any Φ and y")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return GreedyInstances.withArbitraryTarget();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        GreedyPath path = greedy.select(inst.features(), inst.y(), inst.steps());
        Inequalities ineq = Inequalities.hard();
        for (int n = 1; n < path.steps(); n++) {
            ineq.atMost("L_{n+1} ≤ L_n", n, path.lossAt(n + 1), path.lossAt(n));
        }
        if (path.steps() < 2) {
            return Outcome.holds(0, "a single step: nothing to compare");
        }
        return ineq.outcome().withDetail("selected", path.selected()).withDetail("loss", path.loss());
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
