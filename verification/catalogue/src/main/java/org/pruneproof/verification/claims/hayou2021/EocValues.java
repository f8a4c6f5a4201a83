package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import org.pruneproof.reference.meanfield.EdgeOfChaos;
import org.pruneproof.reference.meanfield.EocPoint;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.plantedbugs.EocSolver;

/**
 * {@code hayou2021.eoc-values}: at the computed EOC point (σ_b, σ_w) of φ, χ = σ_w²·E[φ'(√q*·Z)²] = 1 within 1e-6,
 * with q* recomputed independently by iterating the variance map at (σ_b, σ_w); χ &lt; 1 at σ_w − 0.05 and χ &gt; 1 at
 * σ_w + 0.05; fixed-point iteration and Brent root finding agree (notes hayou2021.md §2.3–2.4).
 */
public final class EocValues implements Claim<EocValues.Instance> {

    /**
     * An activation and a bias scale.
     *
     * @param activation relu, tanh or elu
     * @param sigmaB     σ_b (0 for relu, whose EOC is (0, √2))
     */
    public record Instance(String activation, double sigmaB) {
    }

    private final EocSolver solver;
    private final java.util.Map<String, Series> curves = new java.util.concurrent.ConcurrentHashMap<>();

    /** The claim on the reference fixed-point method. */
    public EocValues() {
        this(EocSolver.FIXED_POINT);
    }

    /** The claim on another EOC finder (a planted bug in tests). */
    public EocValues(EocSolver solver) {
        this.solver = solver;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.eoc-values")
                .title("χ = 1 on the computed Edge of Chaos, χ < 1 below it and χ > 1 above it")
                .statement("\\chi(\\sigma_b,\\sigma_w) = \\sigma_w^2\\,\\mathbb{E}[\\varphi'(\\sqrt{q^*}Z)^2] = 1 \\text{ at the EOC},\\quad "
                        + "\\chi(\\sigma_w - 0.05) < 1 < \\chi(\\sigma_w + 0.05)")
                .provenance(Provenance.derived(Paper.HAYOU2021, "EOC definition χ = 1 (Sec. 2); computation in notes hayou2021.md §2.3–2.4"))
                .proof("docs/theory/hayou2021.md#eoc-values")
                .expected(Expectation.HOLDS)
                .hypotheses("tanh with σ_b ∈ [0.05, 1.5], ELU with σ_b ∈ [0.05, 1], ReLU at σ_b = 0; q* recomputed by iterating "
                        + "the variance map from q = 1 to relative 1e-13; Gaussian expectations by Gauss–Legendre quadrature "
                        + "split at the kinks (accuracy ≤ 1e-9)")
                .tolerance("|χ − 1| ≤ 1e-6; fixed-point and Brent σ_w agree within 1e-6; strict inequalities at ±0.05")
                .budget(new Budget(30, 20, Duration.ofSeconds(40), 0.5))
                .build();
    }

    @Override
    public Gen<Instance> instances() {
        return (r, size) -> switch (r.nextInt(5)) {
            case 0 -> new Instance("relu", 0);
            case 1, 2 -> new Instance("tanh", 0.05 + 1.45 * r.nextDouble());
            default -> new Instance("elu", 0.05 + 0.95 * r.nextDouble());
        };
    }

    @Override
    public Outcome check(Instance inst) {
        Activation phi = Activations.byName(inst.activation());
        EocPoint p = solver.solve(phi, inst.sigmaB());
        Inequalities ineq = Inequalities.hard();
        double chi = EdgeOfChaos.chiAtFixedPoint(phi, inst.sigmaB(), p.sigmaW());
        ineq.equal("χ at the EOC point", 0, chi, 1, 1e-6);
        ineq.atMost("χ(σ_w − 0.05) < 1", 0, EdgeOfChaos.chiAtFixedPoint(phi, inst.sigmaB(), p.sigmaW() - 0.05), 1 - 1e-9);
        double above = EdgeOfChaos.chiAtFixedPoint(phi, inst.sigmaB(), p.sigmaW() + 0.05);
        ineq.atMost("χ(σ_w + 0.05) > 1", 0, 1 + 1e-9, above);
        if (!phi.name().equals("relu")) {
            EocPoint root = EocSolver.ROOT_FINDING.solve(phi, inst.sigmaB());
            ineq.equal("σ_w by Brent root finding", 0, p.sigmaW(), root.sigmaW(), 1e-6);
        }
        MeanField mf = new MeanField(phi, inst.sigmaB(), p.sigmaW());
        return ineq.outcome().withDetail("activation", inst.activation()).withDetail("sigmaB", inst.sigmaB())
                .withDetail("sigmaW", p.sigmaW()).withDetail("q", p.q()).withDetail("chi", chi)
                .withSeries(curves.computeIfAbsent(phi.name(), k -> curve(phi)), Series.measured("EOC curve σ_w(σ_b)", "this instance", "σ_b", "σ_w",
                        new double[] {inst.sigmaB()}, new double[] {mf.sigmaW()}));
    }

    private Series curve(Activation phi) {
        if (phi.name().equals("relu")) {
            return Series.measured("EOC curve σ_w(σ_b)", "relu (single point)", "σ_b", "σ_w", new double[] {0}, new double[] {Math.sqrt(2)});
        }
        double[] sb = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0};
        double[] sw = new double[sb.length];
        for (int i = 0; i < sb.length; i++) {
            sw[i] = solver.solve(phi, sb[i]).sigmaW();
        }
        return Series.measured("EOC curve σ_w(σ_b)", phi.name() + " EOC", "σ_b", "σ_w", sb, sw);
    }

    @Override
    public Shrinker<Instance> shrinker() {
        return inst -> Shrink.simplerDoubles(inst.sigmaB()).stream()
                .filter(s -> inst.activation().equals("relu") ? s == 0 : s >= 0.05)
                .map(s -> new Instance(inst.activation(), s));
    }
}
