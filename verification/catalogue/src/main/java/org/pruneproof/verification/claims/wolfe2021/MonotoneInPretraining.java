package org.pruneproof.verification.claims.wolfe2021;

import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.PretrainingInstance;
import org.pruneproof.verification.gen.PretrainingInstances;

/**
 * {@code wolfe2021.monotone-in-pretraining}: "more pre-training never hurts the pruned network",
 * S_n(t+1) ≤ S_n(t) for the fixed pruned size n. Plausible and false: in the notes' mean-field
 * simulation S_10 rises from 0.49 at t = 20 to 0.88 at t = 40 ({@code wolfe2021.md} §7, §8.3). Kept to
 * show that the engine finds and shrinks a counterexample.
 */
public final class MonotoneInPretraining implements Claim<PretrainingInstance> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.monotone-in-pretraining")
                .title("The pruned loss never increases with pre-training (false)")
                .statement("S_n(t+1) \\le S_n(t) \\quad \\forall t < T")
                .provenance(Provenance.conjecture(Paper.WOLFE2021,
                        "plausible reading of 'beyond a threshold'; refuted in notes wolfe2021.md §7 (S_10 is not monotone in t)"))
                .expected(Expectation.FALSIFIED)
                .hypotheses("greedy with replacement, n = the instance's steps, on Φ(t) along full-batch GD; BOTH "
                        + "scalings (mean-field 2/3, NTK 1/3); N ≤ 40, m ≤ 12, d ≤ 4, T ≤ 25; diverged runs are "
                        + "discarded")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<PretrainingInstance> instances() {
        return PretrainingInstances.random();
    }

    @Override
    public Outcome check(PretrainingInstance inst) {
        PruningAlongTraining.Curve curve = PruningAlongTraining.run(inst.network(), inst.inputs(), inst.y(),
                inst.schedule(), inst.steps());
        if (curve.trajectory().diverged()) {
            return Outcome.discard("pre-training diverged");
        }
        if (curve.size() < 2) {
            return Outcome.holds(0, "no pre-training step: nothing to compare");
        }
        double[] s = curve.prunedLosses(inst.steps());
        Inequalities ineq = Inequalities.hard();
        for (int k = 0; k + 1 < s.length; k++) {
            ineq.atMost("S_n(t+1) ≤ S_n(t) with t = n", curve.iterations()[k], s[k + 1], s[k]);
        }
        double[] ts = java.util.Arrays.stream(curve.iterations()).asDoubleStream().toArray();
        return ineq.outcome().withDetail("instance", inst.describe())
                .withSeries(Series.measured("S_n(t) against pre-training t", "pruned S_n(t)", "t", "sum loss", ts, s));
    }

    @Override
    public Shrinker<PretrainingInstance> shrinker() {
        return PretrainingInstance.shrinker();
    }
}
