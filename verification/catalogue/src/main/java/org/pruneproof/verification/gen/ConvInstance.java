package org.pruneproof.verification.gen;

import java.util.stream.Stream;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Shrinker;

/**
 * A pruned convolution: weights of shape [c_out, c_in, k_h, k_w] (row-major) drawn from N(0, σ_w²/(c_in·k_h·k_w)) and a
 * mask. Edge cases: 1×1 kernels, rectangular kernels, one input channel, masks keeping nothing or everything, and
 * kept weights that are exactly zero.
 *
 * @param cOut    output channels
 * @param cIn     input channels
 * @param kh      kernel height
 * @param kw      kernel width
 * @param sigmaW2 σ_w²
 * @param weights the weights
 * @param keep    the mask
 */
public record ConvInstance(int cOut, int cIn, int kh, int kw, double sigmaW2, double[] weights, boolean[] keep) {

    private static final int[] KERNELS = {1, 1, 2, 3, 3, 5};

    /** Convolutions of growing size with masks of every density. */
    public static Gen<ConvInstance> generator() {
        return (r, size) -> {
            int cOut = 1 + r.nextInt(Gens.sizedUpper(1, 8, size));
            int cIn = 1 + r.nextInt(Gens.sizedUpper(1, 8, size));
            int kh = KERNELS[r.nextInt(KERNELS.length)];
            int kw = r.nextInt(4) == 0 ? KERNELS[r.nextInt(KERNELS.length)] : kh;
            double sigmaW2 = 0.25 + 3.75 * r.nextDouble();
            int n = cOut * cIn * kh * kw;
            double sd = Math.sqrt(sigmaW2 / (cIn * kh * kw));
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                w[k] = r.nextInt(20) == 0 ? 0 : sd * Gens.gaussian(r);
            }
            double density = switch (r.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                default -> r.nextDouble();
            };
            boolean[] keep = new boolean[n];
            for (int k = 0; k < n; k++) {
                keep[k] = r.nextDouble() < density;
            }
            return new ConvInstance(cOut, cIn, kh, kw, sigmaW2, w, keep);
        };
    }

    /** Fewer output channels, fewer input channels, then a smaller kernel (keeping the top-left offsets). */
    public static Shrinker<ConvInstance> shrinker() {
        return c -> Stream.of(
                c.cOut > 1 ? c.slice(c.cOut / 2, c.cIn, c.kh, c.kw) : null,
                c.cOut > 1 ? c.slice(c.cOut - 1, c.cIn, c.kh, c.kw) : null,
                c.cIn > 1 ? c.slice(c.cOut, c.cIn - 1, c.kh, c.kw) : null,
                c.kh > 1 ? c.slice(c.cOut, c.cIn, c.kh - 1, c.kw) : null,
                c.kw > 1 ? c.slice(c.cOut, c.cIn, c.kh, c.kw - 1) : null).filter(java.util.Objects::nonNull);
    }

    /** The first o output channels, the first i input channels and the top-left h×w offsets. */
    public ConvInstance slice(int o, int i, int h, int w) {
        double[] nw = new double[o * i * h * w];
        boolean[] nk = new boolean[nw.length];
        int k = 0;
        for (int a = 0; a < o; a++) {
            for (int j = 0; j < i; j++) {
                for (int u = 0; u < h; u++) {
                    for (int v = 0; v < w; v++) {
                        int from = ((a * cIn + j) * kh + u) * kw + v;
                        nw[k] = weights[from];
                        nk[k++] = keep[from];
                    }
                }
            }
        }
        return new ConvInstance(o, i, h, w, sigmaW2, nw, nk);
    }
}
