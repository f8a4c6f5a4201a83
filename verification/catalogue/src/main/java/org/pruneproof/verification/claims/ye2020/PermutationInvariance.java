package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.GreedySelection;
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
import org.pruneproof.verification.experiments.Steps;
import org.pruneproof.verification.gen.GreedyInstances;
import org.pruneproof.verification.gen.PermutedInstance;

/**
 * {@code ye2020.permutation-invariance}: relabelling the neurons (row k of Φ' is row π(k) of Φ)
 * relabels the selection, π(S'_n) = S_n as feature vectors, and leaves every L_n unchanged. Where the
 * two runs choose different feature vectors the two must be tied in the original run (the lowest-index
 * rule breaks ties differently after relabelling); after such a tie the comparison stops.
 */
public final class PermutationInvariance implements Claim<PermutedInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public PermutationInvariance() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public PermutationInvariance(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.permutation-invariance")
                .title("Permuting the neurons permutes the greedy selection and keeps every loss")
                .statement("\\Phi' = P_\\pi \\Phi \\;\\Rightarrow\\; \\varphi'_{s'_n} = \\varphi_{s_n},\\ L_n(\\Phi', y) = L_n(\\Phi, y)")
                .provenance(Provenance.derived(Paper.YE2020, "the greedy rule depends on the multiset of rows only; notes ye2020.md §4, sanity properties"))
                .proof("docs/theory/ye2020.md#permutation-invariance")
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement on any Φ, y and a uniform random permutation; choices may "
                        + "differ only at a tie of the original run, after which the comparison stops")
                .tolerance("|L'_n − L_n| ≤ 1e-12·L_n + 1e-15·M; tie: |L(other choice) − L_n| ≤ 1e-9·L_n + 1e-12·M, "
                        + "M = 1 + max_i ‖φ_i‖² + ‖y‖² (1/m norms)")
                .build();
    }

    @Override
    public Gen<PermutedInstance> instances() {
        return (r, size) -> new PermutedInstance(GreedyInstances.withArbitraryTarget().generate(r, size), r.nextLong());
    }

    @Override
    public Outcome check(PermutedInstance inst) {
        DMatrixRMaj phi = inst.base().features();
        double[] y = inst.base().y();
        int[] pi = inst.permutation();
        int m = phi.numCols;
        DMatrixRMaj permuted = new DMatrixRMaj(phi.numRows, m);
        for (int k = 0; k < phi.numRows; k++) {
            System.arraycopy(phi.data, pi[k] * m, permuted.data, k * m, m);
        }
        GreedyPath path = greedy.select(phi, y, inst.base().steps());
        GreedyPath other = greedy.select(permuted, y, inst.base().steps());
        double mag = Steps.magnitude(phi, y);
        int[] sel = path.selected();
        int[] selOther = other.selected();
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        int compared = 0;
        String tie = "none";
        for (int n = 1; n <= path.steps(); n++) {
            int mapped = pi[selOther[n - 1]];
            if (!Steps.sameRow(phi, sel[n - 1], mapped)) {
                double alt = Steps.lossAfter(phi, sel, n, mapped, y);
                ineq.atMost("choices differ only at a tie: |L(other) − L_n|", n, Math.abs(alt - path.lossAt(n)),
                        1e-9 * path.lossAt(n) + 1e-12 * mag);
                tie = "neurons " + sel[n - 1] + " and " + mapped + " at step " + n;
                break;
            }
            ineq.atMost("|L_n(PΦ, y) − L_n(Φ, y)|", n, Math.abs(other.lossAt(n) - path.lossAt(n)),
                    1e-12 * path.lossAt(n) + 1e-15 * mag);
            compared = n;
        }
        return ineq.outcome().withDetail("stepsCompared", compared).withDetail("tie", tie);
    }

    @Override
    public Shrinker<PermutedInstance> shrinker() {
        return PermutedInstance.shrinker();
    }
}
