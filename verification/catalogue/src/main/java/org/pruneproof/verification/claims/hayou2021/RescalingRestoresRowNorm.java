package org.pruneproof.verification.claims.hayou2021;

import java.util.HashSet;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Gradients;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.Propagation;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Rescaling;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.experiments.Experiments;
import org.pruneproof.verification.gen.NetInstance;
import org.pruneproof.verification.plantedbugs.RowRescaler;

/**
 * {@code hayou2021.rescaling-restores-row-norm}: after SBP-SR's rescaling ρ_i = σ_w/√(Σ_j W_ij²·δ_ij) every kept row
 * has squared norm σ_w² (relative 1e-12), pruned weights are 0, exactly round((1 − s)·M) weights are kept, and a row
 * with nothing kept is reported as dead (notes hayou2021.md §4.3, §5).
 */
public final class RescalingRestoresRowNorm implements Claim<NetInstance> {

    private final RowRescaler rescaler;

    /** The claim on the reference rescaling. */
    public RescalingRestoresRowNorm() {
        this(RowRescaler.REFERENCE);
    }

    /** The claim on another rescaling (a planted bug in tests). */
    public RescalingRestoresRowNorm(RowRescaler rescaler) {
        this.rescaler = rescaler;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.rescaling-restores-row-norm")
                .title("After SBP-SR's rescaling every kept row has squared norm σ_w²; empty rows are reported dead")
                .statement("\\rho_i = \\sigma_w / \\sqrt{\\textstyle\\sum_j W_{ij}^2 \\delta_{ij}} \\;\\Rightarrow\\; "
                        + "\\textstyle\\sum_j (\\rho_i W_{ij} \\delta_{ij})^2 = \\sigma_w^2 \\text{ for every row with a kept weight}")
                .provenance(Provenance.derived(Paper.HAYOU2021, "rescaling trick (Sec. 3–4, SBP-SR); project's normalisation, notes hayou2021.md §4.3"))
                .proof("docs/theory/hayou2021.md#rescaling-restores-row-norm")
                .expected(Expectation.HOLDS)
                .hypotheses("fully connected nets, d, N ≤ 24, depth ≤ 8, ReLU/tanh/ELU, σ_b ∈ [0, 1), σ_w ∈ [0.2, 3), "
                        + "s ∈ [0, 1] with edge cases 0, 0.5, 0.99, 1; SBP scores on a Gaussian batch of ≤ 8 points with random labels")
                .tolerance("row norms relative 1e-12; counts and zeros exact")
                .budget(Budget.hard().withTries(300))
                .build();
    }

    @Override
    public Gen<NetInstance> instances() {
        return NetInstance.generator(false);
    }

    @Override
    public Outcome check(NetInstance inst) {
        Network net = inst.network();
        Experiments.Batch data = inst.data();
        Gradients g = Propagation.crossEntropyGradients(net, data.inputs(), data.labels()).gradients();
        Mask mask = GlobalThreshold.keepLargest(Scores.sensitivity(net, g), inst.sparsity());
        Rescaling.Result res = rescaler.rescale(net, mask);
        Inequalities ineq = Inequalities.hard();
        long expectedKept = GlobalThreshold.keptCount(net.shape().weightCount(), inst.sparsity());
        ineq.equal("kept count = round((1−s)M)", 0, mask.keptCount(), expectedKept, 0);
        Set<Rescaling.DeadRow> reported = new HashSet<>(res.deadRows());
        double target = inst.sigmaW() * inst.sigmaW();
        int dead = 0;
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = res.network().weights()[l];
            for (int i = 0; i < w.numRows; i++) {
                double norm2 = 0;
                boolean anyKeptNonZero = false;
                for (int j = 0; j < w.numCols; j++) {
                    double v = w.get(i, j);
                    if (mask.isKept(l, i, j, w.numCols)) {
                        norm2 += v * v;
                        anyKeptNonZero |= net.weights()[l].get(i, j) != 0;
                    } else {
                        ineq.equal("pruned weight stays 0", l, v, 0, 0);
                    }
                }
                boolean isDead = !anyKeptNonZero;
                ineq.equal("row reported dead iff nothing kept", l, reported.contains(new Rescaling.DeadRow(l, i)) ? 1 : 0, isDead ? 1 : 0, 0);
                if (isDead) {
                    dead++;
                } else {
                    ineq.equal("kept row squared norm = σ_w²", l, norm2 / target, 1, 1e-12);
                }
            }
        }
        ineq.equal("number of dead rows reported", 0, res.deadRows().size(), dead, 0);
        return ineq.outcome().withDetail("layers", net.layers()).withDetail("weights", net.shape().weightCount())
                .withDetail("kept", mask.keptCount()).withDetail("deadRows", dead);
    }

    @Override
    public Shrinker<NetInstance> shrinker() {
        return NetInstance.shrinker();
    }
}
