package org.pruneproof.verification.claims.ye2020;

import org.pruneproof.verification.experiments.GreedyResiduals;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.greedy.SimplexLeastSquares;
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
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.Ye2020Instances;

/**
 * {@code ye2020.general-rate}: for any target y and any α on the simplex, greedy selection with
 * replacement has, with e_n = L_n − L(g_α),
 * <pre>  n·e_n ≤ V_α·H_n   and   (n+1)²·e_{n+1} ≤ n(n+1)·e_n + V_α   for every n</pre>
 * ({@link GreedyRates#generalBound}, {@link GreedyRates#generalStepBound}; docs/theory/ye2020.md).
 * α is the simplex least-squares solution ({@link SimplexLeastSquares}); since the bound holds for
 * every α on the simplex, an inexact solver never makes the check wrong, only less sharp.
 */
public final class GeneralRate implements Claim<FeatureInstance> {

    /** Below this spread the bound is checked in its V = 0 form, L_n ≤ L(g_α). */
    static final double MIN_SPREAD = 1e-12;

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public GeneralRate() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public GeneralRate(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.general-rate")
                .title("Greedy selection reaches L_n ≤ L(g_α) + V_α·H_n/n for any target")
                .statement("n\\,(L_n - L(g_\\alpha)) \\le V_\\alpha H_n,\\quad "
                        + "e_{n+1} \\le \\tfrac{n}{n+1} e_n + \\tfrac{V_\\alpha}{(n+1)^2},\\quad "
                        + "e_n = L_n - L(g_\\alpha),\\ \\alpha \\in \\Delta_N")
                .provenance(Provenance.derived(Paper.YE2020, "Theorem on the O(1/n) rate, general target; explicit form proved in docs/theory/ye2020.md"))
                .proof("docs/theory/ye2020.md#general-rate")
                .boundLemma(1, "(n+1)^2 L_{n+1} \\le \\sum_i \\alpha_i \\|n(f_n - y) + \\varphi_i - y\\|^2")
                .lemma(2, "\\sum_i \\alpha_i \\|n(f_n - y) + \\varphi_i - y\\|^2 = n^2 L_n + 2n\\langle f_n - y, g_\\alpha - y\\rangle + L(g_\\alpha) + V_\\alpha")
                .boundLemma(3, "2\\langle f_n - y, g_\\alpha - y\\rangle \\le e_n + 2L(g_\\alpha)")
                .boundLemma(5, "e_1 \\le V_\\alpha")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement; any Φ and y (a third of the targets pushed far outside the hull, a third planar Gaussian instances with m = 2); "
                        + "α from simplex least squares (relative gap 1e-10, ≤ 3000 iterations); "
                        + "when V_α < 1e-12 the V = 0 form L_n ≤ L(g_α) is checked")
                .tolerance("relative 1e-9, absolute 1e-12·(1 + L(g_α))·n")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return Ye2020Instances.arbitraryOrPlanar();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        DMatrixRMaj phi = inst.features();
        double[] y = inst.y();
        SimplexLeastSquares.Fit fit = SimplexLeastSquares.solve(phi, y, 1e-10, 3000);
        double[] alpha = fit.alpha();
        double lossG = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, alpha), y);
        double spread = FeatureGeometry.spread(phi, alpha);
        GreedyPath path = greedy.select(phi, y, inst.steps());
        int steps = path.steps();
        Inequalities ineq = Inequalities.withTolerance(1e-9, 1e-12 * (1 + lossG) * steps);
        boolean flat = spread < MIN_SPREAD;
        for (int n = 1; n <= steps; n++) {
            double e = path.lossAt(n) - lossG;
            if (flat) {
                // the absolute tolerance is folded into the bound so that the ratio stays finite when L(g_α) = 0
                ineq.atMost("n·L_n ≤ n·L(g_α) (V_α = 0)", n, n * path.lossAt(n), n * lossG + 1e-12 * (1 + lossG) * steps);
            } else {
                ineq.atMost("n·e_n ≤ V_α·H_n", n, n * e, spread * GreedyRates.harmonic(n));
            }
            if (n < steps) {
                double n1 = n + 1.0;
                double stepBound = n * n1 * e + spread;
                if (!flat && stepBound > 1e-12 * (1 + lossG) * steps) {
                    ineq.atMost("(n+1)²e_{n+1} ≤ n(n+1)e_n + V_α", n, n1 * n1 * (path.lossAt(n + 1) - lossG), stepBound);
                } else {
                    // same inequality with L(g_α) moved to the right: both sides non-negative
                    ineq.atMost("(n+1)²L_{n+1} ≤ n(n+1)L_n + (n+1)L(g_α) + V_α", n, n1 * n1 * path.lossAt(n + 1),
                            n * n1 * path.lossAt(n) + n1 * lossG + spread + 1e-12 * (1 + lossG) * steps * n1);
                }
            }
        }
        double[] ns = IntStream.rangeClosed(1, steps).asDoubleStream().toArray();
        double[] excess = IntStream.rangeClosed(1, steps).mapToDouble(n -> Math.max(path.lossAt(n) - lossG, 0)).toArray();
        double[] bound = IntStream.rangeClosed(1, steps).mapToDouble(n -> GreedyRates.generalBound(spread, n)).toArray();
        String plot = "excess loss L_n − L(g_α) against n (worst instance)";
        return ineq.outcome()
                .withDetail("N", phi.numRows).withDetail("m", phi.numCols)
                .withDetail("L(g_alpha)", lossG).withDetail("V_alpha", spread).withDetail("solverGap", fit.dualityGap())
                .withSeries(Series.measured(plot, "greedy e_n (clipped at 0)", "n", "e_n", ns, excess).logLog(),
                        Series.measured(plot, "bound V_α·H_n/n", "n", "e_n", ns, bound).logLog().withRole("bound"));
    }

    @Override
    public Outcome checkStep(int step, FeatureInstance inst) {
        DMatrixRMaj phi = inst.features();
        double[] y = inst.y();
        double[] alpha = SimplexLeastSquares.solve(phi, y, 1e-10, 3000).alpha();
        double lossG = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, alpha), y);
        double spread = FeatureGeometry.spread(phi, alpha);
        GreedyPath path = greedy.select(phi, y, inst.steps());
        GreedyResiduals res = GreedyResiduals.of(phi, y, path, 1.0 / phi.numCols);
        return switch (step) {
            case 1 -> RateLemmas.minAtMostAverage(res, path, alpha);
            case 2 -> RateLemmas.expansion(res, path, alpha, lossG, spread);
            case 3 -> RateLemmas.crossTerm(res, path, alpha, lossG);
            case 5 -> RateLemmas.base(path, lossG, spread);
            default -> throw new IllegalArgumentException("ye2020.general-rate has no lemma step " + step);
        };
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
