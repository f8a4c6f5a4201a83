package org.pruneproof.scaled.pruning.channels;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two-layer greedy problem of one channel group (Ye et al.'s fast reconstruction, mode (b)).
 * With h the consumer's input [B, N, H, W] and W its kernel [O, N, k, k] (stride s, padding p), the
 * consumer's pre-activation (without bias) at output position (b, i, j) and output channel o is
 * <pre>  z = Σ_c ψ_c,  ψ_c(b, i, j, o) = Σ_{u,v} W[o, c, u, v]·h[b, c, s·i + u − p, s·j + v − p]</pre>
 * (zero outside the image). In mean-field form z = (1/N)·Σ_c φ_c with φ_c = N·ψ_c, so a subnetwork
 * of n channels S is {@code (1/n)·Σ_{c∈S} φ_c = (N/n)·Σ_{c∈S} ψ_c}: the kept channels rescaled by
 * N/n. Row c of the feature matrix is φ_c on P sampled positions × O output channels (m = P·O,
 * position-major), and the target is z there: exactly the problem of {@link LocalGreedy}.
 */
public final class ChannelFeatures {

    /** Φ (N×m), target y (length m) and the sampled positions ({b, i, j} each). */
    public record Problem(double[][] phi, double[] y, int[][] positions) {
    }

    private ChannelFeatures() {
    }

    /** P output positions (b, i, j) drawn uniformly with replacement. */
    public static int[][] samplePositions(int batch, int outH, int outW, int count, SplittableRandom random) {
        int[][] pos = new int[count][];
        for (int t = 0; t < count; t++) {
            pos[t] = new int[] {random.nextInt(batch), random.nextInt(outH), random.nextInt(outW)};
        }
        return pos;
    }

    /** Output side of the consumer convolution. */
    public static int outputSide(int in, int kernel, int stride, int padding) {
        return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
    }

    /** Builds the problem (see the class comment). */
    public static Problem build(INDArray h, INDArray kernel, int stride, int padding, int[][] positions) {
        long[] hs = h.shape();
        long[] ks = kernel.shape();
        if (hs.length != 4 || ks.length != 4 || hs[1] != ks[1] || ks[2] != ks[3]) {
            throw new IllegalArgumentException("expected h [B, N, H, W] and kernel [O, N, k, k], got "
                    + java.util.Arrays.toString(hs) + " and " + java.util.Arrays.toString(ks));
        }
        int n = (int) hs[1];
        int height = (int) hs[2];
        int width = (int) hs[3];
        int o = (int) ks[0];
        int k = (int) ks[2];
        double[] hv = h.dup('c').data().asDouble();
        double[] wv = kernel.dup('c').data().asDouble();
        int p = positions.length;
        double[][] phi = new double[n][p * o];
        double[] y = new double[p * o];
        double[] patch = new double[k * k];
        for (int c = 0; c < n; c++) {
            for (int t = 0; t < p; t++) {
                int b = positions[t][0];
                int i = positions[t][1];
                int j = positions[t][2];
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        int yy = stride * i + u - padding;
                        int xx = stride * j + v - padding;
                        patch[u * k + v] = yy >= 0 && yy < height && xx >= 0 && xx < width
                                ? hv[((b * n + c) * height + yy) * width + xx] : 0;
                    }
                }
                for (int q = 0; q < o; q++) {
                    int base = (q * n + c) * k * k;
                    double s = 0;
                    for (int r = 0; r < k * k; r++) {
                        s += wv[base + r] * patch[r];
                    }
                    phi[c][t * o + q] = n * s;
                    y[t * o + q] += s;
                }
            }
        }
        return new Problem(phi, y, positions);
    }
}
