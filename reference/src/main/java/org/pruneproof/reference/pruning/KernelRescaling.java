package org.pruneproof.reference.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * The rescaling trick for a pruned convolution, per kernel offset (docs/theory/hayou2021.md, the project's
 * normalisation): for weights W of shape [c_out, c_in, k_h, k_w] and a mask δ, each group
 * G_{i,b} = {W_{i,j,b} : j = 1 … c_in} (output channel i, kernel offset b = (u, v)) is multiplied by
 * <pre>  ρ_{i,b} = √(σ_w²/(k_h·k_w)) / √(Σ_j W²_{i,j,b}·δ_{i,j,b}),  so that  Σ_j (ρ_{i,b}·W_{i,j,b}·δ_{i,j,b})² = σ_w²/(k_h·k_w).</pre>
 * With W ~ N(0, σ_w²/(c_in·k_h·k_w)) the target is the group's expected squared norm before pruning, so the
 * pre-activation variance σ_w²·q is restored and the pruned net is back on the Edge of Chaos. (The authors' code
 * normalises each group to σ_w², k_h·k_w times too much; docs/theory/hayou2021.md.) A fully connected layer is the case
 * k_h = k_w = 1, which {@link Rescaling#restoreRowNorms} implements on networks. A group with no kept non-zero weight
 * cannot be rescaled: it stays zero and is reported dead.
 */
public final class KernelRescaling {

    private KernelRescaling() {
    }

    /**
     * A rescaled convolution.
     *
     * @param weights    ρ ⊙ δ ⊙ W, shape [c_out, c_in, k_h, k_w] row-major
     * @param factors    ρ_{i,b} at index i·k_h·k_w + b (0 for a dead group)
     * @param deadGroups indices i·k_h·k_w + b of the groups with nothing kept, increasing
     */
    public record Result(double[] weights, double[] factors, int[] deadGroups) {
    }

    /**
     * ρ ⊙ δ ⊙ W for a convolution of shape [c_out, c_in, k_h, k_w] (the inputs are not modified).
     *
     * @throws IllegalArgumentException when the shape, the weights and the mask disagree, or σ_w² ≤ 0
     */
    public static Result restoreKernelNorms(double[] weights, boolean[] keep, int cOut, int cIn, int kh, int kw,
                                            double sigmaW2) {
        if (cOut < 1 || cIn < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("shape [" + cOut + ", " + cIn + ", " + kh + ", " + kw + "] must be positive");
        }
        long size = (long) cOut * cIn * kh * kw;
        if (weights.length != size || keep.length != size) {
            throw new IllegalArgumentException("shape [" + cOut + ", " + cIn + ", " + kh + ", " + kw + "] has " + size
                    + " weights; got " + weights.length + " weights and a mask of " + keep.length);
        }
        if (!(sigmaW2 > 0)) {
            throw new IllegalArgumentException("σ_w² must be positive, got " + sigmaW2);
        }
        int offsets = kh * kw;
        double target = sigmaW2 / offsets;
        double[] out = new double[weights.length];
        double[] factors = new double[cOut * offsets];
        List<Integer> dead = new ArrayList<>();
        for (int group = 0; group < factors.length; group++) {
            int[] members = members(group, cIn, offsets);
            double kept2 = 0;
            for (int at : members) {
                if (keep[at]) {
                    kept2 += weights[at] * weights[at];
                }
            }
            if (kept2 == 0) {
                dead.add(group);
                continue;
            }
            double rho = Math.sqrt(target / kept2);
            factors[group] = rho;
            for (int at : members) {
                out[at] = keep[at] ? rho * weights[at] : 0;
            }
        }
        return new Result(out, factors, dead.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Positions of group g = i·k_h·k_w + b in the row-major [c_out, c_in, k_h, k_w] array: (i·c_in + j)·k_h·k_w + b. */
    static int[] members(int group, int cIn, int offsets) {
        int i = group / offsets;
        int b = group % offsets;
        int[] at = new int[cIn];
        for (int j = 0; j < cIn; j++) {
            at[j] = (i * cIn + j) * offsets + b;
        }
        return at;
    }
}
