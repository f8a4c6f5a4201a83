package org.pruneproof.verification.claims.hayou2021;

import java.util.Arrays;
import org.pruneproof.reference.pruning.KernelRescaling;
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
import org.pruneproof.verification.gen.ConvInstance;

/**
 * {@code hayou2021.rescaling-restores-kernel-norm}: the convolutional form of SBP-SR's rescaling. After
 * ρ_{i,b} = √(σ_w²/(k_h·k_w)) / √(Σ_j W²_{i,j,b}·δ_{i,j,b}), every (output channel, kernel offset) group with a kept
 * weight has squared norm σ_w²/(k_h·k_w), its expected value at initialisation; pruned weights are 0 and a group with
 * nothing kept is reported dead (notes hayou2021.md §4.3).
 */
public final class RescalingRestoresKernelNorm implements Claim<ConvInstance> {

    /** The rescaling under test: the reference, or a planted bug. */
    interface KernelRescaler {
        KernelRescaling.Result rescale(ConvInstance c);
    }

    private final KernelRescaler rescaler;

    public RescalingRestoresKernelNorm() {
        this(c -> KernelRescaling.restoreKernelNorms(c.weights(), c.keep(), c.cOut(), c.cIn(), c.kh(), c.kw(), c.sigmaW2()));
    }

    RescalingRestoresKernelNorm(KernelRescaler rescaler) {
        this.rescaler = rescaler;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.rescaling-restores-kernel-norm")
                .title("After SBP-SR's convolutional rescaling every kept (channel, offset) group has squared norm σ_w²/(k_h·k_w)")
                .statement("\\rho_{i,b} = \\frac{\\sigma_w/\\sqrt{k_h k_w}}{\\sqrt{\\sum_j W_{ijb}^2 \\delta_{ijb}}} \\;\\Rightarrow\\; "
                        + "\\textstyle\\sum_j (\\rho_{i,b} W_{ijb} \\delta_{ijb})^2 = \\sigma_w^2/(k_h k_w) = "
                        + "\\mathbb{E}\\big[\\sum_j W_{ijb}^2\\big]\\ \\text{for every group with a kept weight}")
                .provenance(Provenance.derived(Paper.HAYOU2021, "rescaling trick for CNNs (recalled per-offset form); project's "
                        + "normalisation σ_w²/(k_h·k_w), notes hayou2021.md §4.3"))
                .proof("docs/theory/hayou2021.md#rescaling-restores-kernel-norm")
                .expected(Expectation.HOLDS)
                .hypotheses("convolutions [c_out, c_in, k_h, k_w], c_out, c_in ≤ 8, kernels 1, 2, 3, 5 (a quarter rectangular), "
                        + "W ~ N(0, σ_w²/(c_in·k_h·k_w)) with 5 % exact zeros, σ_w² ∈ [0.25, 4), masks keeping nothing, "
                        + "everything, or a random fraction")
                .tolerance("group norms relative 1e-12; pruned zeros, signs and dead groups exact")
                .budget(Budget.hard())
                .build();
    }

    @Override
    public Gen<ConvInstance> instances() {
        return ConvInstance.generator();
    }

    @Override
    public Outcome check(ConvInstance c) {
        KernelRescaling.Result res = rescaler.rescale(c);
        Inequalities ineq = Inequalities.hard();
        int offsets = c.kh() * c.kw();
        double target = c.sigmaW2() / offsets;
        int dead = 0;
        for (int group = 0; group < c.cOut() * offsets; group++) {
            int i = group / offsets;
            int b = group % offsets;
            double norm2 = 0;
            boolean anyKeptNonZero = false;
            for (int j = 0; j < c.cIn(); j++) {
                int at = (i * c.cIn() + j) * offsets + b;
                double v = res.weights()[at];
                if (c.keep()[at]) {
                    norm2 += v * v;
                    anyKeptNonZero |= c.weights()[at] != 0;
                    ineq.equal("kept weight keeps its sign", group, Math.signum(v), Math.signum(c.weights()[at]), 0);
                } else {
                    ineq.equal("pruned weight is 0", group, v, 0, 0);
                }
            }
            boolean reported = Arrays.binarySearch(res.deadGroups(), group) >= 0;
            ineq.equal("group reported dead iff nothing kept", group, reported ? 1 : 0, anyKeptNonZero ? 0 : 1, 0);
            if (anyKeptNonZero) {
                ineq.equal("kept group squared norm = σ_w²/(k_h·k_w)", group, norm2 / target, 1, 1e-12);
            } else {
                dead++;
            }
        }
        ineq.equal("number of dead groups reported", 0, res.deadGroups().length, dead, 0);
        return ineq.outcome().withDetail("shape", new int[] {c.cOut(), c.cIn(), c.kh(), c.kw()}).withDetail("deadGroups", dead);
    }

    @Override
    public Shrinker<ConvInstance> shrinker() {
        return ConvInstance.shrinker();
    }
}
