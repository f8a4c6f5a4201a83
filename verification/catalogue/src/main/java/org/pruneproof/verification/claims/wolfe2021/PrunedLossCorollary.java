package org.pruneproof.verification.claims.wolfe2021;

import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.pretraining.PretrainingBounds;
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
 * {@code wolfe2021.pruned-loss-corollary}: {@code S_n ≤ 2·S_dense + 2·D̄²/n} at every pre-training
 * iteration, and the paper-shaped threshold form {@code S_dense(t) ≤ D̄(t)²/n ⇒ S_n(t) ≤ 4·D̄(t)²/n}
 * (docs/theory/wolfe2021.md W2(b), W3(b)).
 */
public final class PrunedLossCorollary implements Claim<PretrainingInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference greedy. */
    public PrunedLossCorollary() {
        this(GreedyForwardSelection::withReplacement);
    }

    /** The claim on another greedy implementation (a planted bug in tests). */
    public PrunedLossCorollary(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.pruned-loss-corollary")
                .title("Pruned loss ≤ 2·dense loss + 2·D̄²/n, and ≤ 4·D̄²/n once the dense loss is below D̄²/n")
                .statement("S_n(t) \\le 2\\,S_{\\mathrm{dense}}(t) + \\frac{2\\bar D(t)^2}{n},\\qquad "
                        + "S_{\\mathrm{dense}}(t) \\le \\frac{\\bar D(t)^2}{n} \\;\\Rightarrow\\; S_n(t) \\le \\frac{4\\bar D(t)^2}{n}")
                .provenance(Provenance.derived(Paper.WOLFE2021,
                        "main theorem (pre-training threshold), its greedy ingredient; proved in docs/theory/wolfe2021.md W2(b), W3(b)"))
                .proof("docs/theory/wolfe2021.md#pruned-loss-corollary")
                .boundLemma(1, "S_n \\le (\\varepsilon + \\bar D/\\sqrt n)^2")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement on Φ(t), t = 0…T full-batch GD iterations; BOTH scalings "
                        + "(mean-field 2/3, NTK 1/3), output layer fixed ±1 or trained; N ≤ 40, m ≤ 12, d ≤ 4, T ≤ 25, "
                        + "n ≤ 30; sum losses S = ‖·‖²; the implication is checked wherever its premise holds "
                        + "(count in details)")
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
                inst.schedule(), inst.steps(), greedy);
        Inequalities ineq = Inequalities.hard();
        int premises = 0;
        for (int k = 0; k < curve.size(); k++) {
            double dense = curve.denseLoss()[k];
            double spread = curve.spread()[k];
            int t = curve.iterations()[k];
            for (int n = 1; n <= inst.steps(); n++) {
                double pruned = curve.prunedLoss(k, n);
                ineq.atMost("S_n ≤ 2S_dense + 2D̄²/n (t=" + t + ")", n, pruned,
                        PretrainingBounds.prunedLossBound(dense, spread, n));
                if (PretrainingBounds.thresholdPremise(dense, spread, n)) {
                    premises++;
                    ineq.atMost("S_dense ≤ D̄²/n ⇒ S_n ≤ 4D̄²/n (t=" + t + ")", n, pruned,
                            PretrainingBounds.thresholdBound(spread, n));
                }
            }
        }
        int n = inst.steps();
        double[] ts = new double[curve.size()];
        double[] pruned = curve.prunedLosses(n);
        double[] bound = new double[curve.size()];
        for (int k = 0; k < curve.size(); k++) {
            ts[k] = curve.iterations()[k];
            bound[k] = PretrainingBounds.prunedLossBound(curve.denseLoss()[k], curve.spread()[k], n);
        }
        String plot = "S_n(t) against pre-training t, n = " + n;
        return ineq.outcome().withDetail("instance", inst.describe()).withDetail("premiseHeld", premises)
                .withSeries(Series.measured(plot, "pruned S_n(t)", "t", "sum loss", ts, pruned),
                        Series.measured(plot, "dense S_dense(t)", "t", "sum loss", ts, curve.denseLoss()).withRole("reference"),
                        Series.measured(plot, "bound 2S_dense + 2D̄²/n", "t", "sum loss", ts, bound).withRole("bound"));
    }

    @Override
    public Outcome checkStep(int step, PretrainingInstance inst) {
        if (step != 1) {
            throw new IllegalArgumentException("wolfe2021.pruned-loss-corollary has no lemma step " + step);
        }
        PruningAlongTraining.Curve curve = PruningAlongTraining.run(inst.network(), inst.inputs(), inst.y(),
                inst.schedule(), inst.steps(), greedy);
        Inequalities ineq = Inequalities.hard();
        for (int k = 0; k < curve.size(); k++) {
            double eps = Math.sqrt(curve.denseLoss()[k]);
            for (int n = 1; n <= inst.steps(); n++) {
                double b = PretrainingBounds.greedyDistanceBound(eps, curve.spread()[k], n);
                ineq.atMost("S_n ≤ (ε + D̄/√n)² (t=" + curve.iterations()[k] + ")", n, curve.prunedLoss(k, n), b * b);
            }
        }
        return ineq.outcome().withDetail("instance", inst.describe());
    }

    @Override
    public Shrinker<PretrainingInstance> shrinker() {
        return PretrainingInstance.shrinker();
    }
}
