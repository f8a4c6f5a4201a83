package org.pruneproof.verification.claims.ye2020;

import org.pruneproof.verification.experiments.GreedyResiduals;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.greedy.GreedyRates;
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
 * {@code ye2020.realizable-rate}: when the target lies in the convex hull of the neurons,
 * y = g_α = Σ α_i φ_i, greedy selection with replacement has n·L_n ≤ V_α for every n, and in one-step
 * form (n+1)²·L_{n+1} ≤ n²·L_n + V_α ({@link GreedyRates#realizableBound}, docs/theory/ye2020.md).
 */
public final class RealizableRate implements Claim<RealizableInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public RealizableRate() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public RealizableRate(GreedySelection greedy) {
        this.greedy = greedy;
    }

    /** Below this spread both sides of the bound vanish and the instance says nothing. */
    static final double MIN_SPREAD = 1e-12;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.realizable-rate")
                .title("Greedy selection reaches L_n ≤ V_α/n when the target is in the hull")
                .statement("y = \\sum_i \\alpha_i \\varphi_i,\\ \\alpha \\in \\Delta_N \\;\\Rightarrow\\; "
                        + "n\\,L_n \\le V_\\alpha \\text{ and } (n+1)^2 L_{n+1} \\le n^2 L_n + V_\\alpha \\;\\forall n,"
                        + "\\quad V_\\alpha = \\sum_i \\alpha_i \\|\\varphi_i - y\\|^2")
                .provenance(Provenance.derived(Paper.YE2020, "Theorem on the O(1/n) rate; explicit form proved in docs/theory/ye2020.md"))
                .proof("docs/theory/ye2020.md#realizable-rate")
                .boundLemma(1, "(n+1)^2 L_{n+1} \\le \\sum_i \\alpha_i \\|n(f_n - y) + \\varphi_i - y\\|^2")
                .lemma(2, "\\sum_i \\alpha_i \\|a + \\varphi_i - y\\|^2 = \\|a\\|^2 + 2\\langle a, g_\\alpha - y\\rangle + \\|g_\\alpha - y\\|^2 + V_\\alpha,\\ a = n(f_n - y)")
                .boundLemma(4, "L_1 \\le V_\\alpha")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement; y a convex combination of the rows of Φ; V_α ≥ 1e-12 "
                        + "(smaller spreads make both sides vanish and are discarded)")
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
        if (spread < MIN_SPREAD) {
            return Outcome.discard("V_α < 1e-12: both sides vanish");
        }
        GreedyPath path = greedy.select(phi, inst.target(), inst.steps());
        // The rate n·L_n ≤ V_α gives the tightness; the one-step form must hold too, but it is an exact
        // equality on some instances (two neurons), so its ratio is recorded, not reported as tightness.
        Inequalities rate = Inequalities.hard();
        Inequalities step = Inequalities.hard();
        for (int n = 1; n <= path.steps(); n++) {
            rate.atMost("n·L_n ≤ V_α", n, n * path.lossAt(n), spread);
            if (n < path.steps()) {
                double n1 = n + 1.0;
                step.atMost("(n+1)²L_{n+1} ≤ n²L_n + V_α", n, n1 * n1 * path.lossAt(n + 1),
                        (double) n * n * path.lossAt(n) + spread);
            }
        }
        double[] ns = IntStream.rangeClosed(1, path.steps()).asDoubleStream().toArray();
        double[] bound = IntStream.rangeClosed(1, path.steps()).mapToDouble(n -> GreedyRates.realizableBound(spread, n)).toArray();
        String plot = "L_n against n (worst instance)";
        return rate.outcomeWith("oneStep", step)
                .withDetail("N", phi.numRows).withDetail("m", phi.numCols).withDetail("V_alpha", spread)
                .withSeries(Series.measured(plot, "greedy L_n", "n", "L_n", ns, path.loss()).logLog(),
                        Series.measured(plot, "bound V_α/n", "n", "L_n", ns, bound).logLog().withRole("bound"));
    }

    @Override
    public Outcome checkStep(int step, RealizableInstance inst) {
        DMatrixRMaj phi = inst.features();
        double spread = FeatureGeometry.spread(phi, inst.alpha());
        if (spread < MIN_SPREAD) {
            return Outcome.discard("V_α < 1e-12: both sides vanish");
        }
        double[] y = inst.target();
        GreedyPath path = greedy.select(phi, y, inst.steps());
        double lossG = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, inst.alpha()), y);
        GreedyResiduals res = GreedyResiduals.of(phi, y, path, 1.0 / phi.numCols);
        return switch (step) {
            case 1 -> RateLemmas.minAtMostAverage(res, path, inst.alpha());
            case 2 -> RateLemmas.expansion(res, path, inst.alpha(), lossG, spread);
            case 4 -> RateLemmas.base(path, lossG, spread);
            default -> throw new IllegalArgumentException("ye2020.realizable-rate has no lemma step " + step);
        };
    }

    @Override
    public Shrinker<RealizableInstance> shrinker() {
        return RealizableInstance.shrinker();
    }
}
