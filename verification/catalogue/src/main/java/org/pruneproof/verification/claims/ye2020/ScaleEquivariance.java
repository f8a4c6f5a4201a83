package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.experiments.Steps;
import org.pruneproof.verification.gen.GreedyInstances;
import org.pruneproof.verification.gen.ScaledInstance;

/**
 * {@code ye2020.scale-equivariance}: replacing Φ → cΦ and y → cy (c ≠ 0) keeps the greedy selection
 * and multiplies every L_n by c². Where the two runs pick different neurons, the two choices must be
 * tied in the original run (same loss up to rounding); after such a tie the runs may part, and the
 * comparison stops there.
 */
public final class ScaleEquivariance implements Claim<ScaledInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public ScaleEquivariance() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public ScaleEquivariance(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.scale-equivariance")
                .title("Scaling features and target by c scales every greedy loss by c² and keeps the selection")
                .statement("S_n(c\\Phi, c y) = S_n(\\Phi, y),\\quad L_n(c\\Phi, c y) = c^2 L_n(\\Phi, y)")
                .provenance(Provenance.derived(Paper.YE2020, "homogeneity of the squared loss; notes ye2020.md §4, sanity properties"))
                .proof("docs/theory/ye2020.md#scale-equivariance")
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement on any Φ, y; c = ±10^u, u uniform in [−3, 3]; "
                        + "selections may differ only at a tie of the unscaled run, after which the comparison stops")
                .tolerance("|L_n(cΦ, cy) − c²L_n| ≤ 1e-9·c²L_n + 1e-12·c²·M; tie: |L(other choice) − L_n| ≤ 1e-9·L_n + 1e-12·M, "
                        + "M = 1 + max_i ‖φ_i‖² + ‖y‖² (1/m norms)")
                .build();
    }

    @Override
    public Gen<ScaledInstance> instances() {
        Gen<Double> magnitude = Gens.logUniform(1e-3, 1e3);
        return (r, size) -> new ScaledInstance(GreedyInstances.withArbitraryTarget().generate(r, size),
                (r.nextBoolean() ? 1 : -1) * magnitude.generate(r, size));
    }

    @Override
    public Outcome check(ScaledInstance inst) {
        DMatrixRMaj phi = inst.base().features();
        double[] y = inst.base().y();
        double c = inst.scale();
        DMatrixRMaj scaledPhi = phi.copy();
        CommonOps_DDRM.scale(c, scaledPhi);
        double[] scaledY = y.clone();
        for (int j = 0; j < y.length; j++) {
            scaledY[j] *= c;
        }
        GreedyPath path = greedy.select(phi, y, inst.base().steps());
        GreedyPath scaled = greedy.select(scaledPhi, scaledY, inst.base().steps());
        double mag = Steps.magnitude(phi, y);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        int[] sel = path.selected();
        int[] selScaled = scaled.selected();
        int compared = 0;
        String tie = "none";
        for (int n = 1; n <= path.steps(); n++) {
            if (sel[n - 1] != selScaled[n - 1] && !Steps.sameRow(phi, sel[n - 1], selScaled[n - 1])) {
                double other = Steps.lossAfter(phi, sel, n, selScaled[n - 1], y);
                ineq.atMost("choices differ only at a tie: |L(other) − L_n|", n, Math.abs(other - path.lossAt(n)),
                        1e-9 * path.lossAt(n) + 1e-12 * mag);
                tie = "neurons " + sel[n - 1] + " and " + selScaled[n - 1] + " at step " + n;
                break;
            }
            double c2 = c * c;
            ineq.atMost("|L_n(cΦ, cy) − c²L_n|", n, Math.abs(scaled.lossAt(n) - c2 * path.lossAt(n)),
                    1e-9 * c2 * path.lossAt(n) + 1e-12 * c2 * mag);
            compared = n;
        }
        return ineq.outcome().withDetail("c", c).withDetail("stepsCompared", compared).withDetail("tie", tie);
    }

    @Override
    public Shrinker<ScaledInstance> shrinker() {
        return ScaledInstance.shrinker();
    }
}
