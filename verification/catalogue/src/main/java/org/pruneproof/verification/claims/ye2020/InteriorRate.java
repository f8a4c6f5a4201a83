package org.pruneproof.verification.claims.ye2020;

import org.pruneproof.verification.experiments.GreedyResiduals;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.greedy.Inradius;
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
 * {@code ye2020.interior-rate}: if the ball B(y, r) lies inside conv{φ_i} and D = max_i ‖φ_i − y‖,
 * greedy selection with replacement has, with w_n = n(y − f_n),
 * <pre>  n²·L_n = ‖w_n‖² ≤ (D²/(2r))² + D²   and   ‖w_{n+1}‖² ≤ ‖w_n‖² − 2r‖w_n‖ + D²</pre>
 * for every n ({@link GreedyRates#interiorConstant}, {@link GreedyRates#herdingStepBound}; see
 * docs/theory/ye2020.md). L, D and r all use the (1/m) geometry ‖u‖² = (1/m)·u·u; r is the exact inradius of
 * {@link Inradius} (m = 2 or 3 points, where facets are computed exactly).
 */
public final class InteriorRate implements Claim<FeatureInstance> {

    /** Instances whose target is closer than this to the boundary are discarded (the bound blows up). */
    static final double MIN_INRADIUS = 1e-6;

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public InteriorRate() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public InteriorRate(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.interior-rate")
                .title("With a ball of radius r around the target inside the hull, L_n = O(1/n²)")
                .statement("B(y, r) \\subset \\mathrm{conv}\\{\\varphi_i\\} \\Rightarrow n^2 L_n \\le \\Big(\\frac{D^2}{2r}\\Big)^2 + D^2,"
                        + "\\quad \\|w_{n+1}\\|^2 \\le \\|w_n\\|^2 - 2r\\|w_n\\| + D^2,\\quad w_n = n(y - f_n)")
                .provenance(Provenance.derived(Paper.YE2020, "Theorem on the O(1/n²) rate for interior targets; herding form proved in docs/theory/ye2020.md"))
                .proof("docs/theory/ye2020.md#interior-rate")
                .lemma(1, "\\|w_{n+1}\\|^2 = \\min_i \\|w_n - (\\varphi_i - y)\\|^2")
                .boundLemma(2, "\\max_k \\langle w_n, \\varphi_k - y\\rangle \\ge r\\|w_n\\|")
                .boundLemma(4, "\\|w_n\\| \\ge \\tfrac{D^2}{2r} \\Rightarrow \\|w_{n+1}\\| \\le \\|w_n\\|")
                .boundLemma(5, "\\|w_1\\|^2 \\le D^2")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement; m ≤ 3 points (where the inradius is exact); exact inradius r ≥ 1e-6 "
                        + "(instances with y on or near the boundary, or a flat hull, are discarded); D, r and L in the (1/m) "
                        + "geometry. Generated: m ∈ {2, 3}, N ∈ [3, 40], y a Dirichlet(1) mix or the barycentre of the rows; "
                        + "shrinking and the targeted search also reach m = 1 and other targets inside the hull")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return Ye2020Instances.interior();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        if (inst.points() > Inradius.MAX_POINTS) {
            return Outcome.discard("m > 3: no exact inradius");
        }
        DMatrixRMaj phi = inst.features();
        double[] y = inst.y();
        double r = Inradius.of(phi, y);
        if (!(r >= MIN_INRADIUS)) {
            return Outcome.discard("inradius r < 1e-6 (target on or near the boundary, or flat hull)");
        }
        double d = FeatureGeometry.maxDistance(phi, y);
        double constant = GreedyRates.interiorConstant(d, r);
        GreedyPath path = greedy.select(phi, y, inst.steps());
        Inequalities ineq = Inequalities.hard();
        for (int n = 1; n <= path.steps(); n++) {
            double w2 = (double) n * n * path.lossAt(n);
            ineq.atMost("n²L_n ≤ (D²/2r)² + D²", n, w2, constant);
            if (n < path.steps()) {
                double n1 = n + 1.0;
                ineq.atMost("‖w_{n+1}‖² ≤ ‖w_n‖² − 2r‖w_n‖ + D²", n, n1 * n1 * path.lossAt(n + 1),
                        GreedyRates.herdingStepBound(Math.sqrt(w2), r, d));
            }
        }
        double[] ns = IntStream.rangeClosed(1, path.steps()).asDoubleStream().toArray();
        double[] bound = IntStream.rangeClosed(1, path.steps()).mapToDouble(n -> GreedyRates.interiorBound(d, r, n)).toArray();
        String plot = "L_n against n (worst instance)";
        return ineq.outcome()
                .withDetail("N", phi.numRows).withDetail("m", phi.numCols).withDetail("r", r).withDetail("D", d)
                .withDetail("(D/r)^2", (d / r) * (d / r))
                .withSeries(Series.measured(plot, "greedy L_n", "n", "L_n", ns, path.loss()).logLog(),
                        Series.measured(plot, "bound ((D²/2r)² + D²)/n²", "n", "L_n", ns, bound).logLog().withRole("bound"));
    }

    @Override
    public Outcome checkStep(int step, FeatureInstance inst) {
        if (inst.points() > Inradius.MAX_POINTS) {
            return Outcome.discard("m > 3: no exact inradius");
        }
        DMatrixRMaj phi = inst.features();
        double[] y = inst.y();
        double r = Inradius.of(phi, y);
        if (!(r >= MIN_INRADIUS)) {
            return Outcome.discard("inradius r < 1e-6 (target on or near the boundary, or flat hull)");
        }
        double d = FeatureGeometry.maxDistance(phi, y);
        GreedyPath path = greedy.select(phi, y, inst.steps());
        GreedyResiduals res = GreedyResiduals.of(phi, y, path, 1.0 / phi.numCols);
        Inequalities ineq = step == 1 ? Inequalities.withTolerance(0, 0) : Inequalities.hard();
        for (int n = 1; n <= path.steps(); n++) {
            double w2 = (double) n * n * path.lossAt(n);
            double w = Math.sqrt(w2);
            switch (step) {
                case 1 -> {
                    if (n < path.steps()) {
                        double next = (n + 1.0) * (n + 1.0) * path.lossAt(n + 1);
                        double min = res.minStepNorm(n);
                        ineq.atMost("|‖w_{n+1}‖² − min_i ‖w_n − (φ_i − y)‖²|", n, Math.abs(next - min), 1e-9 * Math.max(next, min) + 1e-12);
                    }
                }
                case 2 -> {
                    if (w > 1e-9 * d) { // w_n = 0: any k will do (proof step 2)
                        ineq.atMost("r‖w_n‖ ≤ max_k ⟨w_n, φ_k − y⟩", n, r * w, res.maxAlignment(n));
                    }
                }
                case 4 -> {
                    if (n < path.steps() && w >= d * d / (2 * r)) {
                        ineq.atMost("‖w_{n+1}‖ ≤ ‖w_n‖ when ‖w_n‖ ≥ D²/2r", n, (n + 1.0) * Math.sqrt(path.lossAt(n + 1)), w);
                    }
                }
                case 5 -> {
                    if (n == 1) {
                        ineq.atMost("‖w_1‖² ≤ D²", 1, w2, d * d);
                    }
                }
                default -> throw new IllegalArgumentException("ye2020.interior-rate has no lemma step " + step);
            }
        }
        Outcome.Checked o = ineq.outcome();
        return Double.isNaN(o.ratio()) ? Outcome.holds(0, "no clause applied (premise never met, or w_n = 0 throughout)").withDetail("clauses", 0) : o;
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
