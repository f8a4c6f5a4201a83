package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.BestMultiset;
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
import org.pruneproof.verification.gen.GreedyInstances;
import org.pruneproof.verification.gen.RealizableInstance;

/**
 * {@code ye2020.greedy-vs-best-subset} (open): in the realizable case greedy stays within a constant
 * factor of the best size-n multiset,
 * <pre>  L_n^greedy ≤ C·min_{|S| = n} L(f_S),  C = {@value #C},</pre>
 * the best multiset found by brute force ({@link BestMultiset}) on tiny N ≤ 6 and n ≤ 6 (notes
 * ye2020.md §8.5). Maurey's bound covers both sides at rate V/n, which says nothing about the ratio.
 */
public final class GreedyVsBestSubset implements Claim<RealizableInstance> {

    /** The constant of the conjecture. */
    public static final double C = 4;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.greedy-vs-best-subset")
                .title("Greedy is within a factor 4 of the best multiset of the same size")
                .statement("y = g_\\alpha \\Rightarrow L_n^{\\text{greedy}} \\le 4 \\min_{|S| = n} L(f_S)")
                .provenance(Provenance.conjecture(Paper.YE2020, "open question of notes ye2020.md §8.5"))
                .expected(Expectation.OPEN)
                .hypotheses("greedy with replacement; realizable targets; N ≤ 6 neurons, m ≤ 4 points, n ≤ 6 (brute force)")
                .tolerance("relative 1e-9, absolute 1e-12")
                .build();
    }

    @Override
    public Gen<RealizableInstance> instances() {
        return (r, size) -> {
            int n = r.nextInt(2, 7);
            int m = r.nextInt(1, 5);
            double[][] phi = r.nextBoolean()
                    ? GreedyInstances.networkFeatures(r, n, m, 1 + r.nextInt(3), org.pruneproof.theory.activation.Activations.RELU)
                    : Gens.gaussianMatrix(r, n, m, 1);
            return new RealizableInstance(phi, Gens.dirichlet(r, n, 1.0), r.nextInt(1, 7));
        };
    }

    @Override
    public Outcome check(RealizableInstance inst) {
        DMatrixRMaj phi = inst.features();
        double[] y = inst.target();
        int steps = Math.min(inst.steps(), 6);
        GreedyPath path = GreedySelection.WITH_REPLACEMENT.select(phi, y, steps);
        Inequalities ineq = Inequalities.hard();
        double worstFactor = 0;
        for (int n = 1; n <= steps; n++) {
            BestMultiset best = BestMultiset.of(phi, y, n);
            ineq.atMost("L_n ≤ 4·L_best,n", n, path.lossAt(n), C * best.loss());
            if (best.loss() > 0) {
                worstFactor = Math.max(worstFactor, path.lossAt(n) / best.loss());
            }
        }
        return ineq.outcome().withDetail("largest L_greedy/L_best", worstFactor).withDetail("N", phi.numRows);
    }

    @Override
    public Shrinker<RealizableInstance> shrinker() {
        return RealizableInstance.shrinker();
    }
}
