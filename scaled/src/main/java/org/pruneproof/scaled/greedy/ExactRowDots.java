package org.pruneproof.scaled.greedy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.FloatBuffer;

/**
 * The products (Φv)_k = Σ_j Φ_kj·v_j of a float32 feature matrix with a vector, accumulated in double:
 * each product of two floats is exact in double, so the only error is the double summation, at most
 * about m·2⁻⁵³·Σ_j |Φ_kj·v_j| (four interleaved partial sums). A double vector is split into two
 * floats v = v_hi + v_lo (|v − v_hi − v_lo| ≤ 2⁻⁴⁸·|v| for normal values) and both dots are taken in
 * the same read of the row, so Φ is read from memory once. (OpenBLAS 0.3.19's {@code cblas_dsdot}
 * is not used: on this machine it returned float32-accurate sums.) Rows are split between two
 * threads; each (Φv)_k is computed by one thread in a fixed order, so results do not depend on the split.
 */
final class ExactRowDots {

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pruneproof-row-dots");
        t.setDaemon(true);
        return t;
    });

    /** Φ's native buffer (absolute reads only, so it can be shared between threads). */
    private final FloatBuffer phi;
    private final int n;
    private final int m;
    private final float[] hi;
    private final float[] lo;

    /** Row dots of the float32 features (N×m, C order, offset 0). */
    ExactRowDots(Features features) {
        this.phi = features.matrix().data().asNioFloat();
        this.n = features.neurons();
        this.m = features.points();
        this.hi = new float[m];
        this.lo = new float[m];
    }

    /** (Φv)_k in double for a float32 vector v (given widened; each entry must be a float value). */
    double[] times(double[] v) {
        for (int j = 0; j < m; j++) {
            hi[j] = (float) v[j];
        }
        return run(false);
    }

    /**
     * (Φv)_k for a double vector v, as Φv_hi + Φv_lo with v_hi = fl32(v), v_lo = fl32(v − v_hi)
     * (|v − v_hi − v_lo| ≤ 2⁻⁴⁸·|v| for normal values).
     */
    double[] timesSplit(double[] v) {
        for (int j = 0; j < m; j++) {
            float h = (float) v[j];
            hi[j] = h;
            lo[j] = (float) (v[j] - h);
        }
        return run(true);
    }

    private double[] run(boolean split) {
        double[] out = new double[n];
        int half = n / 2;
        Future<?> other = HELPER.submit(() -> rows(half, n, split, out));
        rows(0, half, split, out);
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

    private void rows(int from, int to, boolean split, double[] out) {
        float[] row = new float[m];
        for (int k = from; k < to; k++) {
            phi.get(k * m, row, 0, m);
            out[k] = split ? dot(row, hi) + dot(row, lo) : dot(row, hi);
        }
    }

    /** Σ_j a_j·b_j in double, four partial sums (j mod 4) combined as (s₀ + s₁) + (s₂ + s₃). */
    private static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < a.length; j += 4) {
            s0 += (double) a[j] * b[j];
            s1 += (double) a[j + 1] * b[j + 1];
            s2 += (double) a[j + 2] * b[j + 2];
            s3 += (double) a[j + 3] * b[j + 3];
        }
        for (; j < a.length; j++) {
            s0 += (double) a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
