package org.pruneproof.scaled.greedy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The products (Φv)_k = Σ_j Φ_kj·v_j of a float32 feature matrix with double vectors, accumulated in double:
 * each term is one fused multiply–add {@code s ← fl(Φ_kj·v_j + s)} (exact products for a v of float values, such as a
 * row of Φ), in eight interleaved partial sums (j mod 8) combined as ((s₀ + s₁) + (s₂ + s₃)) + ((s₄ + s₅) + (s₆ + s₇)),
 * so the error of entry k is at most about (m/8 + 3)·2⁻⁵³·Σ_j |Φ_kj·v_j|. Two vectors can be taken in the same read
 * of Φ ({@link #times(double[], double[])}), so Φ is read from memory once for both. (OpenBLAS 0.3.19's
 * {@code cblas_dsdot} is not used: on this machine it returned float32-accurate sums.)
 *
 * <p>Speed: a row is copied from Φ's native buffer in blocks of {@value #BLOCK} floats (16 KiB, which stay in the L1
 * cache for the arithmetic) by JavaCPP's bulk get, one memcpy (a {@code FloatBuffer} view of ND4J's buffer copied
 * element by element) and the eight independent fused multiply–add chains keep the floating-point units busy;
 * rows are split between two threads. Each (Φv)_k is computed by one thread in a fixed order, so results do not depend
 * on the split.
 */
final class ExactRowDots {

    /** Floats of a row copied at a time. */
    static final int BLOCK = 4096;

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pruneproof-row-dots");
        t.setDaemon(true);
        return t;
    });

    /** Φ's native buffer (each thread reads it through its own pointer). */
    private final Pointer phi;
    private final int n;
    private final int m;

    /** Row dots of the float32 features (N×m, C order, offset 0). */
    ExactRowDots(Features features) {
        this.phi = features.matrix().data().addressPointer();
        this.n = features.neurons();
        this.m = features.points();
    }

    /** (Φv)_k in double, one read of Φ. */
    double[] times(double[] v) {
        return times(v, null)[0];
    }

    /** (Φu)_k and (Φv)_k in double from one read of Φ ({@code v} may be null: then only Φu). */
    double[][] times(double[] u, double[] v) {
        if (u.length != m || (v != null && v.length != m)) {
            throw new IllegalArgumentException("vectors must have length m = " + m);
        }
        double[][] out = {new double[n], v == null ? null : new double[n]};
        int half = n / 2;
        Future<?> other = HELPER.submit(() -> rows(half, n, u, v, out));
        rows(0, half, u, v, out);
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing row products", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("row products failed", e.getCause());
        }
        return out;
    }

    private void rows(int from, int to, double[] u, double[] v, double[][] out) {
        float[] block = new float[BLOCK];
        // JavaCPP's bulk get is one memcpy; a FloatBuffer view of ND4J's buffer copied element by element
        FloatPointer rows = new FloatPointer(phi);
        double[] su = new double[8];
        double[] sv = new double[8];
        for (int k = from; k < to; k++) {
            java.util.Arrays.fill(su, 0);
            java.util.Arrays.fill(sv, 0);
            long base = (long) k * m;
            for (int j0 = 0; j0 < m; j0 += BLOCK) {
                int len = Math.min(BLOCK, m - j0);
                rows.position(base + j0).get(block, 0, len);
                if (v == null) {
                    accumulate(block, len, u, j0, su);
                } else {
                    accumulate(block, len, u, v, j0, su, sv);
                }
            }
            out[0][k] = combine(su);
            if (v != null) {
                out[1][k] = combine(sv);
            }
        }
    }

    /** s_{j mod 8} ← fl(a_j·b_{off+j} + s_{j mod 8}) for j < len (len a multiple of 8 except at the row's end). */
    private static void accumulate(float[] a, int len, double[] b, int off, double[] s) {
        double s0 = s[0];
        double s1 = s[1];
        double s2 = s[2];
        double s3 = s[3];
        double s4 = s[4];
        double s5 = s[5];
        double s6 = s[6];
        double s7 = s[7];
        int j = 0;
        for (; j + 7 < len; j += 8) {
            s0 = Math.fma(a[j], b[off + j], s0);
            s1 = Math.fma(a[j + 1], b[off + j + 1], s1);
            s2 = Math.fma(a[j + 2], b[off + j + 2], s2);
            s3 = Math.fma(a[j + 3], b[off + j + 3], s3);
            s4 = Math.fma(a[j + 4], b[off + j + 4], s4);
            s5 = Math.fma(a[j + 5], b[off + j + 5], s5);
            s6 = Math.fma(a[j + 6], b[off + j + 6], s6);
            s7 = Math.fma(a[j + 7], b[off + j + 7], s7);
        }
        double[] tail = {s0, s1, s2, s3, s4, s5, s6, s7};
        for (int t = 0; j < len; j++, t++) {
            tail[t] = Math.fma(a[j], b[off + j], tail[t]);
        }
        System.arraycopy(tail, 0, s, 0, 8);
    }

    /** {@link #accumulate(float[], int, double[], int, double[])} for two vectors from one read of a. */
    private static void accumulate(float[] a, int len, double[] u, double[] v, int off, double[] su, double[] sv) {
        double u0 = su[0];
        double u1 = su[1];
        double u2 = su[2];
        double u3 = su[3];
        double v0 = sv[0];
        double v1 = sv[1];
        double v2 = sv[2];
        double v3 = sv[3];
        double u4 = su[4];
        double u5 = su[5];
        double u6 = su[6];
        double u7 = su[7];
        double v4 = sv[4];
        double v5 = sv[5];
        double v6 = sv[6];
        double v7 = sv[7];
        int j = 0;
        for (; j + 7 < len; j += 8) {
            int o = off + j;
            u0 = Math.fma(a[j], u[o], u0);
            v0 = Math.fma(a[j], v[o], v0);
            u1 = Math.fma(a[j + 1], u[o + 1], u1);
            v1 = Math.fma(a[j + 1], v[o + 1], v1);
            u2 = Math.fma(a[j + 2], u[o + 2], u2);
            v2 = Math.fma(a[j + 2], v[o + 2], v2);
            u3 = Math.fma(a[j + 3], u[o + 3], u3);
            v3 = Math.fma(a[j + 3], v[o + 3], v3);
            u4 = Math.fma(a[j + 4], u[o + 4], u4);
            v4 = Math.fma(a[j + 4], v[o + 4], v4);
            u5 = Math.fma(a[j + 5], u[o + 5], u5);
            v5 = Math.fma(a[j + 5], v[o + 5], v5);
            u6 = Math.fma(a[j + 6], u[o + 6], u6);
            v6 = Math.fma(a[j + 6], v[o + 6], v6);
            u7 = Math.fma(a[j + 7], u[o + 7], u7);
            v7 = Math.fma(a[j + 7], v[o + 7], v7);
        }
        double[] tu = {u0, u1, u2, u3, u4, u5, u6, u7};
        double[] tv = {v0, v1, v2, v3, v4, v5, v6, v7};
        for (int t = 0; j < len; j++, t++) {
            tu[t] = Math.fma(a[j], u[off + j], tu[t]);
            tv[t] = Math.fma(a[j], v[off + j], tv[t]);
        }
        System.arraycopy(tu, 0, su, 0, 8);
        System.arraycopy(tv, 0, sv, 0, 8);
    }

    private static double combine(double[] s) {
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }
}
