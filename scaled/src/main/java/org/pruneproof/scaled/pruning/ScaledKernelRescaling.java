package org.pruneproof.scaled.pruning;

/**
 * The rescaling trick of SBP-SR for networks without residual branches (docs/theory/hayou2021.md, with the
 * project's per-kernel-offset normalisation): after masking, every group of kept weights that feeds one
 * output unit through one kernel offset is rescaled so that its squared norm is restored to its
 * expected value at initialisation,
 * <pre>  Σ_j (ρ_{i,b}·W_{i,j,b}·δ_{i,j,b})² = σ_w²/(k_h·k_w),</pre>
 * i.e. {@code ρ_{i,b} = √(σ_w²/(k_h·k_w)) / √(Σ_j W²_{i,j,b}·δ_{i,j,b})}, for convolution weights
 * {@code [out, in/groups, k_h, k_w]} (the group is (output channel i, offset b), j runs over input
 * channels); for a linear layer {@code [out, in]} the group is the row and the target σ_w². A group
 * with no kept weight stays zero. With W ~ N(0, σ_w²/(in·k_h·k_w)) the target is the expected
 * pre-pruning group norm, so the pruned network is put back on the Edge of Chaos.
 */
public final class ScaledKernelRescaling {

    private ScaledKernelRescaling() {
    }

    /**
     * Rescales masked weights in place.
     *
     * @param weights  row-major weights of shape {@code [out, in, kh, kw]} (or {@code [out, in]}: kh = kw = 1)
     * @param keep     mask, same length; pruned entries are set to 0
     * @param sigmaW2  σ_w²
     * @return the dead groups, those with no kept weight (left at zero), as indices {@code i·k_h·k_w + b} in
     *         increasing order (for a linear layer: the rows with nothing kept)
     */
    public static int[] rescale(double[] weights, boolean[] keep, int out, int in, int kh, int kw, double sigmaW2) {
        if (weights.length != keep.length || (long) out * in * kh * kw != weights.length) {
            throw new IllegalArgumentException("weights of length " + weights.length + " do not have shape ["
                    + out + ", " + in + ", " + kh + ", " + kw + "] or do not match the mask");
        }
        double target = sigmaW2 / (kh * kw);
        int offsets = kh * kw;
        java.util.List<Integer> dead = new java.util.ArrayList<>();
        for (int i = 0; i < out; i++) {
            for (int b = 0; b < offsets; b++) {
                double norm2 = 0;
                for (int j = 0; j < in; j++) {
                    int at = (i * in + j) * offsets + b;
                    if (keep[at]) {
                        norm2 += weights[at] * weights[at];
                    }
                }
                double rho = norm2 > 0 ? Math.sqrt(target / norm2) : 0;
                if (norm2 == 0) {
                    dead.add(i * offsets + b);
                }
                for (int j = 0; j < in; j++) {
                    int at = (i * in + j) * offsets + b;
                    weights[at] = keep[at] ? rho * weights[at] : 0;
                }
            }
        }
        return dead.stream().mapToInt(Integer::intValue).toArray();
    }
}
