package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.meanfield.ReluMeanField;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/**
 * {@code hayou2021.relu-correlation-asymptotics}: on the ReLU EOC (σ_b = 0, σ_w = √2) the correlation map f has
 * l²·(1 − c^l) → 9π²/2 (docs/theory/hayou2021.md: 1 − f(1 − ε) ≈ ε − k·ε^{3/2}, k = 2√2/(3π)). The map under test is
 * given in gap form δ ↦ 1 − f(1 − δ) (so that δ_l ≈ 4e-9 keeps its relative accuracy); it is first compared with the
 * reference correlation map by nested quadrature, then iterated to l = 10⁵.
 */
public final class ReluCorrelationAsymptotics implements Claim<ReluCorrelationAsymptotics.Instance> {

    /**
     * A starting correlation.
     *
     * @param c0 c^0 ∈ [−1, 0.99]
     */
    public record Instance(double c0) {
    }

    static final int[] CHECKPOINTS = {100, 1_000, 10_000, 100_000};
    private static final MeanField RELU_EOC = new MeanField(Activations.RELU, 0, Math.sqrt(2));

    private final DoubleUnaryOperator gapMap;

    /** The claim on the closed-form arc-cosine map in gap form, {@link ReluMeanField#eocCorrelationGap}. */
    public ReluCorrelationAsymptotics() {
        this(ReluMeanField::eocCorrelationGap);
    }

    /** The claim on another gap map δ ↦ 1 − f(1 − δ) (a planted bug in tests). */
    public ReluCorrelationAsymptotics(DoubleUnaryOperator gapMap) {
        this.gapMap = gapMap;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.relu-correlation-asymptotics")
                .title("On the ReLU Edge of Chaos, l²·(1 − c^l) → 9π²/2")
                .statement("c^{l+1} = f(c^l),\\ f(c) = \\tfrac{\\sqrt{1-c^2} + c\\arcsin c}{\\pi} + \\tfrac c2"
                        + "\\;\\Rightarrow\\; l^2 (1 - c^l) \\to \\tfrac{9\\pi^2}{2}")
                .provenance(Provenance.derived(Paper.HAYOU2021, "EOC correlation propagation (Sec. 2); derived in docs/theory/hayou2021.md"))
                .proof("docs/theory/hayou2021.md#relu-correlation-asymptotics")
                .targeted()
                .boundLemma(2, "f(c) > c \\text{ for } c \\in [-1, 1),\\ \\text{checked as } \\delta_{l+1} < \\delta_l \\text{ along the iteration from } c^0")
                .notComputable(3, "1 - f(1-\\varepsilon) = \\varepsilon - k\\varepsilon^{3/2} + O(\\varepsilon^{5/2}),\\ k = \\tfrac{2\\sqrt2}{3\\pi}",
                        "an asymptotic expansion as ε → 0 (no explicit constant for the remainder)")
                .notComputable(4, "u_l = \\delta_l^{-1/2} = \\tfrac k2 l + \\tfrac{3k}{4}\\ln l + O(1)", "a limit l → ∞")
                .notComputable(5, "l^2 \\delta_l \\to \\tfrac{9\\pi^2}{2}", "a limit l → ∞ (the claim checks its finite consequences at l = 1e4, 1e5)")
                .expected(Expectation.HOLDS)
                .hypotheses("c^0 uniform in [−1, 0.99]; ReLU, σ_b = 0, σ_w = √2")
                .tolerance("the map equals the quadrature map within 1e-9 at c^0 and c^1; at l = 1e5, |l²(1 − c^l)/(9π²/2) − 1| ≤ 1%, "
                        + "and the relative error at 1e5 is at most the one at 1e4")
                .budget(new Budget(100, 50, Duration.ofSeconds(30), 0.5))
                .build();
    }

    @Override
    public Gen<Instance> instances() {
        return ((Gen<Instance>) (r, size) -> new Instance(-1 + 1.99 * r.nextDouble()))
                .withEdgeCases(0.1, (r, s) -> new Instance(r.nextBoolean() ? -1 : 0.99));
    }

    @Override
    public Outcome checkStep(int step, Instance inst) {
        if (step != 2) {
            throw new IllegalArgumentException("hayou2021.relu-correlation-asymptotics has no lemma step " + step);
        }
        double c0 = inst.c0();
        if (!(c0 >= -1 && c0 <= 0.99)) {
            return Outcome.discard("c0 outside [-1, 0.99]");
        }
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        double delta = 1 - c0;
        for (int l = 0; l < 200; l++) {
            double next = gapMap.applyAsDouble(delta);
            ineq.atMost("δ_{l+1} < δ_l (f(c) > c)", l, next, Math.nextDown(delta));
            delta = next;
        }
        return ineq.outcome().withDetail("c0", c0);
    }

    @Override
    public Outcome check(Instance inst) {
        double c0 = inst.c0();
        if (!(c0 >= -1 && c0 <= 0.99)) {
            return Outcome.discard("c0 outside [-1, 0.99]");
        }
        Inequalities ineq = Inequalities.hard();
        double d1 = gapMap.applyAsDouble(1 - c0);
        ineq.equal("f(c0) against quadrature", 0, 1 - d1, RELU_EOC.correlation(c0, 1), 1e-9);
        ineq.equal("f(c1) against quadrature", 1, 1 - gapMap.applyAsDouble(d1), RELU_EOC.correlation(1 - d1, 1), 1e-9);
        double[] ls = new double[CHECKPOINTS.length];
        double[] scaled = new double[CHECKPOINTS.length];
        double delta = 1 - c0;
        int l = 0;
        for (int k = 0; k < CHECKPOINTS.length; k++) {
            while (l < CHECKPOINTS[k]) {
                delta = gapMap.applyAsDouble(delta);
                l++;
            }
            ls[k] = l;
            scaled[k] = (double) l * l * delta;
        }
        double limit = ReluMeanField.CORRELATION_LIMIT;
        double errLast = Math.abs(scaled[scaled.length - 1] / limit - 1);
        double errPrev = Math.abs(scaled[scaled.length - 2] / limit - 1);
        ineq.atMost("|l²(1−c^l)/(9π²/2) − 1| at l = 1e5", CHECKPOINTS[CHECKPOINTS.length - 1], errLast, 0.01);
        ineq.atMost("error at 1e5 ≤ error at 1e4", CHECKPOINTS[CHECKPOINTS.length - 1], errLast, errPrev);
        double[] lim = new double[ls.length];
        java.util.Arrays.fill(lim, limit);
        String plot = "l²(1 − c^l) against l";
        return ineq.outcome().withDetail("c0", c0).withDetail("l2delta_1e5", scaled[scaled.length - 1])
                .withDetail("limit", limit)
                .withSeries(new Series(plot, "l²(1 − c^l)", "measured", "l", "l²(1 − c^l)", true, false, ls, scaled),
                        new Series(plot, "9π²/2", "reference", "l", "l²(1 − c^l)", true, false, ls, lim));
    }

    @Override
    public Shrinker<Instance> shrinker() {
        return inst -> Shrink.simplerDoubles(inst.c0()).stream().map(Instance::new);
    }
}
