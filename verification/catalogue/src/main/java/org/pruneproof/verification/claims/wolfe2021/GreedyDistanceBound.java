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
 * {@code wolfe2021.greedy-distance-bound}: for any rows φ_r and target y, greedy selection with
 * replacement satisfies {@code ‖f_n − y‖ ≤ ‖u − y‖ + D̄/√n} and, with a_n = n‖f_n − y‖,
 * {@code a_{n+1}² ≤ a_n² + 2ε·a_n + D̄²} (docs/theory/wolfe2021.md W2(b), proved there). Checked at every
 * iteration of a gradient-descent pre-training run, on the network's own features Φ(t), in both
 * scalings.
 */
public final class GreedyDistanceBound implements Claim<PretrainingInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference greedy. */
    public GreedyDistanceBound() {
        this(GreedyForwardSelection::withReplacement);
    }

    /** The claim on another greedy implementation (a planted bug in tests). */
    public GreedyDistanceBound(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.greedy-distance-bound")
                .title("The pruned network is within ‖u − y‖ + D̄/√n of the target, at every pre-training step")
                .statement("\\|f_n(t) - y\\| \\le \\|u(t) - y\\| + \\bar D(t)/\\sqrt{n},\\quad "
                        + "a_{n+1}^2 \\le a_n^2 + 2\\varepsilon(t) a_n + \\bar D(t)^2,\\quad a_n = n\\|f_n(t) - y\\|,\\ "
                        + "\\bar D^2 = \\tfrac1N\\sum_r \\|\\varphi_r - y\\|^2")
                .provenance(Provenance.derived(Paper.WOLFE2021,
                        "pruned loss in terms of the dense loss (v1 contribution list); explicit form proved in docs/theory/wolfe2021.md W2(b)"))
                .proof("docs/theory/wolfe2021.md#greedy-distance-bound")
                .boundLemma(1, "a_{n+1}^2 \\le \\tfrac1N \\sum_r \\|n(f_n - y) + \\varphi_r - y\\|^2")
                .lemma(2, "\\tfrac1N \\sum_r \\|n(f_n - y) + \\varphi_r - y\\|^2 = a_n^2 + 2n\\langle f_n - y, u - y\\rangle + \\bar D^2")
                .boundLemma(4, "a_1^2 \\le \\bar D^2")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement on the rows φ_r(t) of a two-layer ReLU network after t = 0…T "
                        + "full-batch GD iterations; BOTH scalings (mean-field 2/3 of instances, NTK 1/3), output layer "
                        + "fixed ±1 or trained; N ≤ 40, m ≤ 12, d ≤ 4, T ≤ 25, n ≤ 30; Euclidean norm on R^m (sum loss); "
                        + "checkpoints after a divergence are not reached")
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
        int worstK = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < curve.size(); k++) {
            double eps = Math.sqrt(curve.denseLoss()[k]);
            double spread = curve.spread()[k];
            int t = curve.iterations()[k];
            for (int n = 1; n <= inst.steps(); n++) {
                double dist = Math.sqrt(curve.prunedLoss(k, n));
                double bound = PretrainingBounds.greedyDistanceBound(eps, spread, n);
                ineq.atMost("‖f_n − y‖ ≤ ε + D̄/√n (t=" + t + ")", n, dist, bound);
                if (bound > 0 && dist / bound > worst) {
                    worst = dist / bound;
                    worstK = k;
                }
                if (n < inst.steps()) {
                    double a = n * dist;
                    double a1 = (n + 1) * Math.sqrt(curve.prunedLoss(k, n + 1));
                    ineq.atMost("a_{n+1}² ≤ a_n² + 2ε·a_n + D̄² (t=" + t + ")", n, a1 * a1,
                            PretrainingBounds.greedyStepBound(a, eps, spread));
                }
            }
        }
        double[] ns = java.util.stream.IntStream.rangeClosed(1, inst.steps()).asDoubleStream().toArray();
        double[] measured = new double[ns.length];
        double[] bound = new double[ns.length];
        for (int n = 1; n <= ns.length; n++) {
            measured[n - 1] = Math.sqrt(curve.prunedLoss(worstK, n));
            bound[n - 1] = PretrainingBounds.greedyDistanceBound(Math.sqrt(curve.denseLoss()[worstK]), curve.spread()[worstK], n);
        }
        String plot = "‖f_n − y‖ against n at the tightest checkpoint t = " + curve.iterations()[worstK];
        return ineq.outcome().withDetail("instance", inst.describe())
                .withDetail("checkpoints", curve.size()).withDetail("diverged", curve.trajectory().diverged())
                .withSeries(Series.measured(plot, "greedy ‖f_n − y‖", "n", "distance", ns, measured),
                        Series.measured(plot, "bound ε + D̄/√n", "n", "distance", ns, bound).withRole("bound"));
    }

    @Override
    public Outcome checkStep(int step, PretrainingInstance inst) {
        java.util.List<org.ejml.data.DMatrixRMaj> features = new java.util.ArrayList<>();
        GreedySelection capturing = (phi, y, steps) -> {
            features.add(phi.copy());
            return greedy.select(phi, y, steps);
        };
        PruningAlongTraining.Curve curve = PruningAlongTraining.run(inst.network(), inst.inputs(), inst.y(),
                inst.schedule(), inst.steps(), capturing);
        Inequalities ineq = step == 2 ? Inequalities.withTolerance(0, 0) : Inequalities.hard();
        for (int k = 0; k < curve.size(); k++) {
            org.ejml.data.DMatrixRMaj phi = features.get(k);
            var path = curve.paths().get(k);
            var res = org.pruneproof.verification.experiments.GreedyResiduals.of(phi, inst.y(), path, 1.0);
            double[] uniform = res.uniform();
            double spread = curve.spread()[k];
            int t = curve.iterations()[k];
            for (int n = 0; n < inst.steps(); n++) {
                double average = res.weightedStepNorm(n, uniform);
                switch (step) {
                    case 1 -> ineq.atMost("a_{n+1}² ≤ (1/N)Σ_r‖n(f_n − y) + φ_r − y‖² (t=" + t + ")", n,
                            (n + 1.0) * (n + 1.0) * curve.prunedLoss(k, n + 1), average);
                    case 2 -> {
                        double an2 = n == 0 ? 0 : (double) n * n * curve.prunedLoss(k, n);
                        double cross = 2 * res.inner(res.residual(n), res.combinationMinusTarget(uniform));
                        double magnitude = an2 + Math.abs(cross) + spread;
                        ineq.atMost("|(1/N)Σ_r‖…‖² − (a_n² + 2n⟨f_n − y, u − y⟩ + D̄²)| (t=" + t + ")", n,
                                Math.abs(average - (an2 + cross + spread)), 1e-9 * magnitude + 1e-12);
                    }
                    case 4 -> {
                        if (n == 0) {
                            ineq.atMost("a_1² ≤ D̄² (t=" + t + ")", 1, curve.prunedLoss(k, 1), spread);
                        }
                    }
                    default -> throw new IllegalArgumentException("wolfe2021.greedy-distance-bound has no lemma step " + step);
                }
            }
        }
        return ineq.outcome().withDetail("instance", inst.describe()).withDetail("checkpoints", curve.size());
    }

    @Override
    public Shrinker<PretrainingInstance> shrinker() {
        return PretrainingInstance.shrinker();
    }
}
