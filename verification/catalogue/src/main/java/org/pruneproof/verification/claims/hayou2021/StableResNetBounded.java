package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.meanfield.ResNetMeanField;
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
 * {@code hayou2021.stable-resnet-bounded}: in the mean-field recursion of a ReLU Stable ResNet (σ_b = 0, branches
 * scaled by 1/√L), q^l = q^{l−1} + (1/L)·σ_w²·E[relu(√q^{l−1} Z)²], so q^L/q^0 = (1 + σ_w²/(2L))^L, which increases
 * with L and stays below e^{σ_w²/2} (docs/theory/hayou2021.md, derived). The recursion is computed by quadrature.
 */
public final class StableResNetBounded implements Claim<StableResNetBounded.Instance> {

    /**
     * @param sigmaW σ_w &gt; 0
     * @param blocks L ≥ 1
     */
    public record Instance(double sigmaW, int blocks) {
    }

    /** The mean-field recursion a claim checks: q^L/q^0 of a ReLU ResNet with L blocks. */
    @FunctionalInterface
    public interface Recursion {
        /** q^L/q^0 after L blocks with σ_w, σ_b = 0. */
        double growth(double sigmaW, int blocks);
    }

    /** The reference: L steps of q ← q + (1/L)·σ_w²·E[relu(√q Z)²], E by quadrature, from q^0 = 1. */
    public static final Recursion REFERENCE = (sigmaW, blocks) -> {
        MeanField branch = new MeanField(Activations.RELU, 0, sigmaW / Math.sqrt(blocks));
        double q = 1;
        for (int l = 0; l < blocks; l++) {
            q = q + branch.variance(q);
        }
        return q;
    };

    private final Recursion recursion;

    /** The claim on the reference recursion. */
    public StableResNetBounded() {
        this(REFERENCE);
    }

    /** The claim on another recursion (a planted bug in tests). */
    public StableResNetBounded(Recursion recursion) {
        this.recursion = recursion;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.stable-resnet-bounded")
                .title("Stable ResNet: q^L/q^0 = (1 + σ_w²/(2L))^L, increasing in L and below e^{σ_w²/2}")
                .statement("\\frac{q^L}{q^0} = \\Big(1 + \\frac{\\sigma_w^2}{2L}\\Big)^L \\le \\Big(1 + \\frac{\\sigma_w^2}{2(L+1)}\\Big)^{L+1} "
                        + "< e^{\\sigma_w^2/2}")
                .provenance(Provenance.derived(Paper.HAYOU2021, "Stable ResNet (Proposition 2, recalled); derived in docs/theory/hayou2021.md"))
                .proof("docs/theory/hayou2021.md#stable-resnet-bounded")
                .boundLemma(2, "\\ln(1+t) > \\tfrac{t}{1+t}\\ (t = \\tfrac{\\sigma_w^2}{2L} > 0)")
                .boundLemma(3, "L\\ln\\big(1 + \\tfrac{\\sigma_w^2}{2L}\\big) < \\tfrac{\\sigma_w^2}{2}")
                .targeted()
                .expected(Expectation.HOLDS)
                .hypotheses("ReLU, σ_b = 0, σ_w ∈ [0.1, 3], L ∈ [1, 400] blocks; expectations by quadrature")
                .tolerance("identity relative 1e-9; bounds relative 1e-9")
                .budget(new Budget(200, 100, Duration.ofSeconds(30), 0.5))
                .build();
    }

    @Override
    public Gen<Instance> instances() {
        return (r, size) -> new Instance(0.1 + 2.9 * r.nextDouble(), 1 + r.nextInt(Math.max(1, 4 * size)));
    }

    @Override
    public Outcome check(Instance inst) {
        if (!(inst.sigmaW() >= 0.1 && inst.sigmaW() <= 3) || inst.blocks() < 1 || inst.blocks() > 400) {
            return Outcome.discard("outside the hypotheses σ_w ∈ [0.1, 3], L ∈ [1, 400]");
        }
        double measured = recursion.growth(inst.sigmaW(), inst.blocks());
        double formula = ResNetMeanField.stableVarianceGrowth(inst.sigmaW(), inst.blocks());
        double next = recursion.growth(inst.sigmaW(), inst.blocks() + 1);
        double limit = ResNetMeanField.stableVarianceGrowthLimit(inst.sigmaW());
        Inequalities ineq = Inequalities.hard();
        ineq.equal("q^L/q^0 = (1 + σ_w²/(2L))^L", inst.blocks(), measured / formula, 1, 1e-9);
        ineq.atMost("q^L/q^0 ≤ q^{L+1}/q^0", inst.blocks(), measured, next);
        ineq.atMost("q^L/q^0 ≤ e^{σ_w²/2}", inst.blocks(), measured, limit);
        int[] ls = {1, 2, 5, 10, 20, 50, 100, 200, 400};
        double[] x = new double[ls.length];
        double[] y = new double[ls.length];
        double[] standard = new double[ls.length];
        double[] lim = new double[ls.length];
        for (int k = 0; k < ls.length; k++) {
            x[k] = ls[k];
            y[k] = ResNetMeanField.stableVarianceGrowth(inst.sigmaW(), ls[k]);
            standard[k] = ResNetMeanField.varianceGrowth(inst.sigmaW(), 1, ls[k]);
            lim[k] = limit;
        }
        String plot = "q^L/q^0 against L (σ_w of the worst instance)";
        return ineq.outcome().withDetail("sigmaW", inst.sigmaW()).withDetail("blocks", inst.blocks())
                .withDetail("growth", measured).withDetail("limit", limit)
                .withSeries(new Series(plot, "Stable ResNet", "measured", "L", "q^L/q^0", true, true, x, y),
                        new Series(plot, "standard ResNet (1+σ_w²/2)^L", "reference", "L", "q^L/q^0", true, true, x, standard),
                        new Series(plot, "e^{σ_w²/2}", "bound", "L", "q^L/q^0", true, true, x, lim));
    }

    @Override
    public Outcome checkStep(int step, Instance inst) {
        if (!(inst.sigmaW() >= 0.1 && inst.sigmaW() <= 3) || inst.blocks() < 1 || inst.blocks() > 400) {
            return Outcome.discard("outside the hypotheses σ_w ∈ [0.1, 3], L ∈ [1, 400]");
        }
        double x = inst.sigmaW() * inst.sigmaW() / 2;
        double t = x / inst.blocks();
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        switch (step) {
            case 2 -> ineq.atMost("t/(1+t) < ln(1+t)", inst.blocks(), t / (1 + t), Math.log1p(t));
            case 3 -> ineq.atMost("L·ln(1 + σ_w²/2L) < σ_w²/2", inst.blocks(), inst.blocks() * Math.log1p(t), x);
            default -> throw new IllegalArgumentException("hayou2021.stable-resnet-bounded has no lemma step " + step);
        }
        return ineq.outcome().withDetail("sigmaW", inst.sigmaW()).withDetail("blocks", inst.blocks());
    }

    @Override
    public Shrinker<Instance> shrinker() {
        return inst -> java.util.stream.Stream.concat(
                inst.blocks() > 1 ? java.util.stream.Stream.of(new Instance(inst.sigmaW(), 1), new Instance(inst.sigmaW(), inst.blocks() / 2),
                        new Instance(inst.sigmaW(), inst.blocks() - 1)) : java.util.stream.Stream.empty(),
                Shrink.simplerDoubles(inst.sigmaW()).stream().filter(s -> s > 0).map(s -> new Instance(s, inst.blocks())));
    }
}
