package org.pruneproof.scaled.greedy;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The products (Φv)_k = Σ_j Φ_kj·v_j of a float32 feature matrix with float32 vectors, with a rigorous error bound
 * close to double precision's, at the speed of one read of Φ: float32 sums of at most {@value #TERMS} terms, added in
 * double.
 *
 * <p>Order of the sums (fixed, so the results do not depend on the thread split): the row is cut into G = ⌈m/(T·L)⌉
 * blocks of T·L entries (L = {@value #TERMS}, T = {@value #LANES}; the last block padded with zeros, which add
 * exactly nothing). In a block, lane t ∈ [0, T) sums its L entries t, t + T, …, t + (L − 1)·T in float32 by fused
 * multiply–adds {@code s ← fl(Φ_kj·v_j + s)} starting from 0 (one rounding per term). Each lane accumulates its G
 * block sums as an unevaluated float32 pair hi + lo (Knuth's TwoSum: hi + ŝ = hi' + e exactly, lo ← fl(lo + e)); at
 * the row's end each lane's hi + lo is rounded to double and the T lane values are added in double in order
 * t = 0, 1, …. Hence (recursive summation, Higham 2002, §4.2 and §4.3, with γ_k = k·u/(1 − k·u)):
 * <pre>  |fl((Φv)_k) − (Φv)_k| ≤ c·Σ_j |Φ_kj·v_j| ≤ c·‖φ_k‖·‖v‖,
 *   c = γ^single_L + (1 + γ^single_L)·((γ^single_G)² + γ^double_{T+1}·(1 + (γ^single_G)²)):</pre>
 * the lane sums are within γ_L of theirs; the pair's error is at most γ_{G−1}·Σ_g |e_g| with |e_g| ≤ u·Σ|ŝ|, so at
 * most (γ_G)²·Σ|ŝ|; the rounding to double and the T − 1 double additions give γ^double_{T+1}. c is about 4.8e-7 for
 * L = 8 (against γ^single_m ≈ 3.9e-3 for one float32 sum over m = 65536 terms in any order, which is all a BLAS
 * sgemv/sdot guarantees). {@link #coefficient} returns c.
 *
 * <p>Speed: every loop over the lanes of a block is a plain float array loop with constant offsets, which the JIT
 * vectorises (JDK 17 vectorises neither a float → double conversion nor a loop whose arrays are indexed with different
 * variable offsets, hence the constant T, the pre-cut vector blocks and the float pairs); a block of a row is copied from Φ's native buffer by JavaCPP's bulk get (one memcpy into an array that
 * stays in the L1 cache) and used for every vector of the call, so several vectors cost one read of Φ
 * ({@link #times(float[][])}); rows are taken {@value #STRIP} at a time, block by block, so that a block of the vectors
 * is reused from the cache by the strip's rows instead of being read again for every row. Rows are split between two
 * threads.
 */
final class FloatLaneRowDots {

    /** L: the float32 terms of one lane sum. */
    static final int TERMS = 8;

    /** T: the lanes of a block (a compile-time constant, so that the JIT vectorises the lane loop). */
    static final int LANES = 512;

    /** T·L: the entries of a block. */
    static final int BLOCK = LANES * TERMS;

    /** Rows read together, block by block, so that each block of the vectors is loaded from memory once per strip. */
    static final int STRIP = 8;

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pruneproof-row-dots");
        t.setDaemon(true);
        return t;
    });

    private static final double SINGLE_U = 0x1p-24;
    private static final double DOUBLE_U = 0x1p-53;

    /** Held so that Φ's native buffer stays allocated while it is read through {@link #phi}. */
    private final Features features;
    /** Φ's native buffer (each thread reads it through its own pointer). */
    private final Pointer phi;
    private final int n;
    private final int m;
    private final int blocks;

    /** Row dots of the float32 features (N×m, C order, offset 0). */
    FloatLaneRowDots(Features features) {
        this.features = features;
        this.phi = features.matrix().data().addressPointer();
        this.n = features.neurons();
        this.m = features.points();
        this.blocks = blocks(m);
    }

    /** G = ⌈m/(T·L)⌉. */
    static int blocks(int m) {
        return (m + BLOCK - 1) / BLOCK;
    }

    /** γ_k = k·u/(1 − k·u). */
    static double gamma(long k, double u) {
        double ku = k * u;
        if (!(ku < 1)) {
            throw new IllegalArgumentException("γ_" + k + " undefined for unit roundoff " + u);
        }
        return ku / (1 - ku);
    }

    /** c of the class comment for rows of length m: |error of entry k| ≤ c·Σ_j |Φ_kj·v_j|. */
    static double coefficient(int m) {
        double single = gamma(TERMS, SINGLE_U);
        double pair = gamma(blocks(m), SINGLE_U);
        pair *= pair;
        return single + (1 + single) * (pair + gamma(LANES + 1, DOUBLE_U) * (1 + pair));
    }

    /** c for these features. */
    double coefficient() {
        return coefficient(m);
    }

    /**
     * (Φv)_k in double for each vector v (length m, float32 values), all from one read of Φ.
     *
     * @return out[b][k] = (Φ v_b)_k
     */
    double[][] times(float[][] vectors) {
        // each vector cut into zero-padded blocks, so that the lane loop indexes a block of Φ and of v alike
        float[][][] split = new float[vectors.length][blocks][];
        for (int b = 0; b < vectors.length; b++) {
            if (vectors[b].length != m) {
                throw new IllegalArgumentException("vector " + b + " has length " + vectors[b].length
                        + ", expected m = " + m);
            }
            for (int g = 0; g < blocks; g++) {
                split[b][g] = Arrays.copyOfRange(vectors[b], g * BLOCK, (g + 1) * BLOCK);
            }
        }
        double[][] out = new double[vectors.length][n];
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
        } finally {
            // Φ must outlive the reads above: its native buffer is freed when it is collected
            java.lang.ref.Reference.reachabilityFence(features);
        }
        return out;
    }

    private void rows(int from, int to, float[][][] v, double[][] out) {
        float[] a = new float[BLOCK];
        float[] lane = new float[LANES];
        float[] other = new float[LANES];
        float[][][] hi = new float[STRIP][v.length][LANES];
        float[][][] lo = new float[STRIP][v.length][LANES];
        FloatPointer rows = new FloatPointer(phi);
        for (int k0 = from; k0 < to; k0 += STRIP) {
            int strip = Math.min(STRIP, to - k0);
            for (int r = 0; r < strip; r++) {
                for (int b = 0; b < v.length; b++) {
                    Arrays.fill(hi[r][b], 0f);
                    Arrays.fill(lo[r][b], 0f);
                }
            }
            for (int g = 0; g < blocks; g++) {
                // the vectors' block g stays in cache for the strip's rows
                block(rows, k0, strip, g, v, a, lane, other, hi, lo);
            }
            for (int r = 0; r < strip; r++) {
                for (int b = 0; b < v.length; b++) {
                    double s = 0;
                    for (int t = 0; t < LANES; t++) {
                        s += (double) hi[r][b][t] + (double) lo[r][b][t];
                    }
                    out[b][k0 + r] = s;
                }
            }
        }
    }

    /** Block g of the strip's rows (a method of its own, called often, so that the JIT compiles it fully). */
    private void block(FloatPointer rows, int k0, int strip, int g, float[][][] v, float[] a, float[] lane, float[] other,
                       float[][][] hi, float[][][] lo) {
        int j0 = g * BLOCK;
        int len = Math.min(BLOCK, m - j0);
        for (int r = 0; r < strip; r++) {
            rows.position((long) (k0 + r) * m + j0).get(a, 0, len);
            if (len < BLOCK) {
                Arrays.fill(a, len, BLOCK, 0f);
            }
            int b = 0;
            for (; b + 1 < v.length; b += 2) {
                laneSums(a, v[b][g], v[b + 1][g], lane, other);
                addPairs(lane, hi[r][b], lo[r][b]);
                addPairs(other, hi[r][b + 1], lo[r][b + 1]);
            }
            if (b < v.length) {
                // an odd vector out: paired with itself, the second result unused
                laneSums(a, v[b][g], v[b][g], lane, other);
                addPairs(lane, hi[r][b], lo[r][b]);
            }
        }
    }

    /**
     * lane[t] = fl(Σ_{l<L} a[l·T + t]·v[l·T + t]) and other[t] likewise with w, for t &lt; T: a multiplication and
     * L − 1 fused multiply–adds in order l = 0, 1, … (L = 8 written out, so that each lane's chain stays in a register;
     * two vectors, so that each entry of the block of Φ is loaded once for both).
     */
    static void laneSums(float[] a, float[] v, float[] w, float[] lane, float[] other) {
        for (int t = 0; t < LANES; t++) {
            float x = a[t];
            float s = x * v[t];
            float r = x * w[t];
            x = a[t + LANES];
            s = Math.fma(x, v[t + LANES], s);
            r = Math.fma(x, w[t + LANES], r);
            x = a[t + 2 * LANES];
            s = Math.fma(x, v[t + 2 * LANES], s);
            r = Math.fma(x, w[t + 2 * LANES], r);
            x = a[t + 3 * LANES];
            s = Math.fma(x, v[t + 3 * LANES], s);
            r = Math.fma(x, w[t + 3 * LANES], r);
            x = a[t + 4 * LANES];
            s = Math.fma(x, v[t + 4 * LANES], s);
            r = Math.fma(x, w[t + 4 * LANES], r);
            x = a[t + 5 * LANES];
            s = Math.fma(x, v[t + 5 * LANES], s);
            r = Math.fma(x, w[t + 5 * LANES], r);
            x = a[t + 6 * LANES];
            s = Math.fma(x, v[t + 6 * LANES], s);
            r = Math.fma(x, w[t + 6 * LANES], r);
            x = a[t + 7 * LANES];
            s = Math.fma(x, v[t + 7 * LANES], s);
            r = Math.fma(x, w[t + 7 * LANES], r);
            lane[t] = s;
            other[t] = r;
        }
    }

    /** (hi, lo)[t] ← hi[t] + lane[t] as a float pair: TwoSum's rounded sum in hi, its exact error added to lo. */
    static void addPairs(float[] lane, float[] hi, float[] lo) {
        for (int t = 0; t < LANES; t++) {
            float s = lane[t];
            float h = hi[t];
            float sum = h + s;
            float bp = sum - h;
            lo[t] = lo[t] + ((h - (sum - bp)) + (s - bp));
            hi[t] = sum;
        }
    }
}
