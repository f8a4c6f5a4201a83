package org.pruneproof.scaled.pruning;

import java.util.Arrays;

/**
 * Pruning with one global threshold over all layers, and the exact critical sparsity (docs/theory/hayou2021.md).
 *
 * <p><b>Keep rule.</b> Of the M weights (layers in order, then row-major within a layer: the global
 * position), exactly {@code k = round((1 − s)·M)} are kept: those with the largest scores; among equal
 * scores the lower global position is kept first. Equivalently, weights are removed in the order
 * (score ascending, position descending) and the first {@code M − k} of that order are removed.
 *
 * <p><b>Critical sparsity.</b> Let r_l be the 1-based rank, in that removal order, of the last weight
 * of layer l to be removed (its largest score, lowest position among ties). Removing a fraction s
 * empties layer l iff {@code M − k ≥ r_l}, so {@code s_cr = min_l r_l/M} and the collapsing layer is
 * {@code argmin_l r_l}.
 *
 * <p>Cost: one sort of the M scores, O(M log M). The same class serves convolutional and fully
 * connected networks.
 */
public final class ScaledGlobalThreshold {

    private ScaledGlobalThreshold() {
    }

    /**
     * Selects the weights to keep.
     *
     * @param scores   per layer, the scores in the layer's row-major order (no NaN)
     * @param sparsity s ∈ [0, 1], the fraction of weights removed
     */
    public static GlobalSelection select(double[][] scores, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no layers to prune");
        }
        long total = 0;
        for (int l = 0; l < scores.length; l++) {
            if (scores[l].length == 0) {
                throw new IllegalArgumentException("layer " + l + " has no weights");
            }
            for (int i = 0; i < scores[l].length; i++) {
                if (Double.isNaN(scores[l][i])) {
                    throw new IllegalArgumentException("score of layer " + l + " at position " + i + " is NaN");
                }
            }
            total += scores[l].length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than 2^31 weights are not supported, got " + total);
        }
        double[] sorted = new double[(int) total];
        int off = 0;
        for (double[] s : scores) {
            System.arraycopy(s, 0, sorted, off, s.length);
            off += s.length;
        }
        Arrays.parallelSort(sorted);
        long kept = Math.round((1 - sparsity) * total);

        boolean[][] keep = new boolean[scores.length][];
        long[] keptPerLayer = new long[scores.length];
        if (kept > 0) {
            double threshold = sorted[(int) (total - kept)];
            long above = total - upperBound(sorted, threshold);
            long tiesToKeep = kept - above;
            for (int l = 0; l < scores.length; l++) {
                keep[l] = new boolean[scores[l].length];
                for (int i = 0; i < scores[l].length; i++) {
                    double v = scores[l][i];
                    boolean k = v > threshold || (v == threshold && tiesToKeep-- > 0);
                    keep[l][i] = k;
                    if (k) {
                        keptPerLayer[l]++;
                    }
                }
            }
        } else {
            for (int l = 0; l < scores.length; l++) {
                keep[l] = new boolean[scores[l].length];
            }
        }

        long[] ranks = collapseRanks(scores, sorted);
        int collapsed = 0;
        for (int l = 1; l < ranks.length; l++) {
            if (ranks[l] < ranks[collapsed]) {
                collapsed = l;
            }
        }
        return new GlobalSelection(keep, keptPerLayer, total, kept, (double) ranks[collapsed] / total, collapsed, ranks);
    }

    /** r_l for every layer (see the class comment). */
    static long[] collapseRanks(double[][] scores, double[] sorted) {
        long[] ranks = new long[scores.length];
        long layerStart = 0;
        for (int l = 0; l < scores.length; l++) {
            double max = scores[l][0];
            int at = 0;
            for (int i = 1; i < scores[l].length; i++) {
                if (scores[l][i] > max) {
                    max = scores[l][i];
                    at = i;
                }
            }
            long below = lowerBound(sorted, max);
            long equal = upperBound(sorted, max) - below;
            long equalAfter = 0;
            if (equal > 1) {
                long p = layerStart + at;
                long pos = 0;
                for (double[] s : scores) {
                    for (double v : s) {
                        if (pos > p && v == max) {
                            equalAfter++;
                        }
                        pos++;
                    }
                }
            }
            ranks[l] = below + equalAfter + 1;
            layerStart += scores[l].length;
        }
        return ranks;
    }

    /** Number of entries < v. */
    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of entries ≤ v. */
    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
