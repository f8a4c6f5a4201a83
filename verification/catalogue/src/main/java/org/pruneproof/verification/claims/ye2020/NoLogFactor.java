package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.greedy.SimplexLeastSquares;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
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
 * {@code ye2020.no-log-factor} (open): is the H_n of the general rate needed? Conjecture:
 * <pre>  n·(L_n − L*) ≤ C·V_{α*}  with C = {@value #C}</pre>
 * for greedy with replacement and any target, L* = min over the hull and α* its minimiser (notes
 * ye2020.md §8.1: on 150 2-D instances max n·e_n/V did not grow from n ≈ 300 to 3000). L* is taken
 * as the solver's proven lower bound L(g_α) − gap, which can only make n·(L_n − L*) larger.
 */
public final class NoLogFactor implements Claim<FeatureInstance> {

    /** The constant of the conjecture. */
    public static final double C = 2;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.no-log-factor")
                .title("The general rate holds without the log factor: n·(L_n − L*) ≤ 2·V*")
                .statement("n\\,(L_n - L^*) \\le 2\\,V_{\\alpha^*},\\quad L^* = \\min_{\\alpha \\in \\Delta_N} L(g_\\alpha)")
                .provenance(Provenance.conjecture(Paper.YE2020, "open question of notes ye2020.md §8.1; the paper states O(1/n) (recalled)"))
                .expected(Expectation.OPEN)
                .hypotheses("greedy with replacement; any Φ, y (a third far outside the hull, a third planar Gaussian instances with m = 2); α* from simplex least squares "
                        + "with duality gap ≤ 1e-3·V (else discarded); V_{α*} ≥ 1e-12 (else discarded)")
                .tolerance("relative 1e-9, absolute 1e-12·(1 + L*)·n")
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
        double spread = FeatureGeometry.spread(phi, fit.alpha());
        if (spread < 1e-12) {
            return Outcome.discard("V_α* < 1e-12: the projection is a vertex");
        }
        if (fit.dualityGap() > 1e-3 * spread) {
            return Outcome.discard("solver gap above 1e-3·V: L* not known well enough");
        }
        double lStar = fit.lowerBound();
        GreedyPath path = GreedySelection.WITH_REPLACEMENT.select(phi, y, inst.steps());
        Inequalities ineq = Inequalities.withTolerance(1e-9, 1e-12 * (1 + lStar) * path.steps());
        for (int n = 1; n <= path.steps(); n++) {
            ineq.atMost("n·(L_n − L*) ≤ 2·V*", n, n * (path.lossAt(n) - lStar), C * spread);
        }
        return ineq.outcome().withDetail("L*", lStar).withDetail("V*", spread).withDetail("N", phi.numRows)
                .withDetail("m", phi.numCols);
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
