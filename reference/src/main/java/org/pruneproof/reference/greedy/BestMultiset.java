package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;

/**
 * The best size-n multiset by brute force, for tiny N and n:
 * <pre>  min over counts c ∈ ℕ^N, Σ c_i = n, of L((1/n)·Σ_i c_i φ_i),</pre>
 * enumerating all C(N+n−1, n) multisets (at most {@link #MAX_MULTISETS}). Ties: the first multiset
 * in lexicographic order of (c_0, c_1, …) from the largest c_0 down wins.
 *
 * @param counts how often each neuron is taken, Σ counts = n
 * @param loss   its loss
 */
public record BestMultiset(int[] counts, double loss) {

    /** The largest number of multisets enumerated. */
    public static final long MAX_MULTISETS = 5_000_000L;

    public BestMultiset {
        counts = counts.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** Number of multisets of size n from N elements, C(N+n−1, n) (saturating at Long.MAX_VALUE). */
    public static long numberOfMultisets(int neurons, int n) {
        double c = 1;
        for (int k = 1; k <= n; k++) {
            c = c * (neurons - 1 + k) / k;
        }
        return c > Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(c);
    }

    /** The best size-n multiset of the rows of Φ for target y. */
    public static BestMultiset of(DMatrixRMaj phi, double[] y, int n) {
        int neurons = phi.numRows;
        FeatureGeometry.requireLength(y, phi.numCols);
        if (n < 1) {
            throw new IllegalArgumentException("multiset size must be ≥ 1, got " + n);
        }
        long count = numberOfMultisets(neurons, n);
        if (count > MAX_MULTISETS) {
            throw new IllegalArgumentException("brute force over " + count + " multisets (N = " + neurons + ", n = "
                    + n + ") exceeds the limit of " + MAX_MULTISETS);
        }
        Search s = new Search(phi, y, n);
        s.enumerate(0, n, new double[phi.numCols]);
        return new BestMultiset(s.bestCounts, s.bestLoss);
    }

    private static final class Search {
        final DMatrixRMaj phi;
        final double[] y;
        final int n;
        final int[] counts;
        int[] bestCounts;
        double bestLoss = Double.POSITIVE_INFINITY;

        Search(DMatrixRMaj phi, double[] y, int n) {
            this.phi = phi;
            this.y = y;
            this.n = n;
            this.counts = new int[phi.numRows];
        }

        void enumerate(int i, int left, double[] sum) {
            int m = phi.numCols;
            if (i == phi.numRows - 1 || left == 0) {
                counts[i] = left;
                double s = 0;
                for (int j = 0; j < m; j++) {
                    double d = (sum[j] + left * phi.data[i * m + j]) / n - y[j];
                    s += d * d;
                }
                s /= m;
                if (s < bestLoss) {
                    bestLoss = s;
                    bestCounts = counts.clone();
                }
                counts[i] = 0;
                return;
            }
            for (int c = left; c >= 0; c--) {
                counts[i] = c;
                double[] next = sum.clone();
                for (int j = 0; j < m; j++) {
                    next[j] += c * phi.data[i * m + j];
                }
                enumerate(i + 1, left - c, next);
            }
            counts[i] = 0;
        }
    }
}
