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
 * A statement that must hold: greedy forward selection's first loss is the best single neuron's,
 * L_1 = min_i (1/m)‖φ_i − y‖². One test that passes.
 */
public final class FirstStepIsBestSingleNeuron implements Claim<GreedyProblem> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("mine.first-step-best-single")
                .title("The first greedy loss is the best single neuron's")
                .statement("L_1 = \\min_i \\tfrac{1}{m}\\|\\varphi_i - y\\|^2")
                .provenance(Provenance.conjecture(Paper.YE2020, "my check of the definition"))
                .expected(Expectation.HOLDS)
                .tolerance("1e-12 relative")
                .build();
    }

    @Override
    public Gen<GreedyProblem> instances() {
        return GreedyProblem.gaussian(1);
    }

    @Override
    public Outcome check(GreedyProblem p) {
        GreedyPath path = GreedyForwardSelection.withReplacement(p.phi(), p.target(), p.steps());
        int m = p.target().length;
        double best = Double.POSITIVE_INFINITY;
        for (double[] phi : p.features()) {
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += (phi[k] - p.target()[k]) * (phi[k] - p.target()[k]);
            }
            best = Math.min(best, s / m);
        }
        Inequalities ineq = Inequalities.withTolerance(1e-12, 0);
        ineq.equal("L_1 = min_i L(φ_i)", 1, path.lossAt(1), best, 1e-12 * Math.max(1, best));
        return ineq.outcome();
    }

    @Override
    public Shrinker<GreedyProblem> shrinker() {
        return GreedyProblem.shrinker();
    }
}
