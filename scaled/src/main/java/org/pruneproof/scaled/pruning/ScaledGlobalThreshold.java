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
 * <p>Cost: O(M) expected and no sort of the M scores. The threshold is the score of rank M − k in ascending order, found
 * by selection on one copy ({@link #rank}: three-way partitions around a median of three, deterministic, with a sort
 * of what is left after 2·log₂M rounds, so O(M log M) at worst); the ranks r_l need only, for each layer's largest
 * score x_l, the counts #{v &lt; x_l} and #{v = x_l}, taken in one pass that looks every score up among the L maxima
 * (O(M log L)). The same class serves convolutional and fully connected networks.
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
        long kept = Math.round((1 - sparsity) * total);

        boolean[][] keep = new boolean[scores.length][];
        long[] keptPerLayer = new long[scores.length];
        if (kept > 0) {
            double[] all = new double[(int) total];
            int off = 0;
            for (double[] s : scores) {
                System.arraycopy(s, 0, all, off, s.length);
                off += s.length;
            }
            double threshold = rank(all, (int) (total - kept));
            long above = 0;
            for (double[] s : scores) {
                for (double v : s) {
                    if (v > threshold) {
                        above++;
                    }
                }
            }
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

        long[] ranks = collapseRanks(scores);
        int collapsed = 0;
        for (int l = 1; l < ranks.length; l++) {
            if (ranks[l] < ranks[collapsed]) {
                collapsed = l;
            }
        }
        return new GlobalSelection(keep, keptPerLayer, total, kept, (double) ranks[collapsed] / total, collapsed, ranks);
    }

    /**
     * The value of rank {@code k} (0-based, ascending) of {@code a}, which it reorders: the {@code a[k]} a sort would
     * give, up to −0 = +0 (equal to every comparison the keep rule makes). Three-way partitions around the median of
     * the first, middle and last entries; after 2·log₂(length) rounds what is left is sorted, so that no input takes
     * more than O(M log M).
     */
    static double rank(double[] a, int k) {
        if (k < 0 || k >= a.length) {
            throw new IllegalArgumentException("rank " + k + " outside [0, " + a.length + ")");
        }
        int lo = 0;
        int hi = a.length;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(a.length));
        while (hi - lo > 32 && rounds-- > 0) {
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            // [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i < gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[--gt];
                    a[gt] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt;
            } else if (k >= gt) {
                lo = gt;
            } else {
                return pivot;
            }
        }
        Arrays.sort(a, lo, hi);
        return a[k];
    }

    private static double medianOfThree(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    /**
     * r_l for every layer (see the class comment): with x_l the largest score of layer l at its first position p_l,
     * {@code r_l = #{v < x_l} + #{v = x_l after position p_l} + 1}.
     */
    static long[] collapseRanks(double[][] scores) {
        int layers = scores.length;
        double[] max = new double[layers];
        int[] at = new int[layers];
        for (int l = 0; l < layers; l++) {
            max[l] = scores[l][0];
            for (int i = 1; i < scores[l].length; i++) {
                if (scores[l][i] > max[l]) {
                    max[l] = scores[l][i];
                    at[l] = i;
                }
            }
        }
        // every score looked up among the sorted maxima d: h[u] counts the scores with exactly u maxima ≤ them, so
        // #{v < d[j]} = Σ_{u ≤ j} h[u] for the first index j of a value; equal[j] counts the scores equal to d[j] at
        // the last index j of that value
        double[] d = max.clone();
        Arrays.sort(d);
        long[] h = new long[layers + 1];
        long[] equal = new long[layers];
        for (double[] s : scores) {
            for (double v : s) {
                int u = upperBound(d, v);
                h[u]++;
                if (u > 0 && d[u - 1] == v) {
                    equal[u - 1]++;
                }
            }
        }
        long[] below = new long[layers];
        long sum = 0;
        for (int j = 0; j < layers; j++) {
            sum += h[j];
            below[j] = sum;
        }
        long[] ranks = new long[layers];
        long layerStart = 0;
        for (int l = 0; l < layers; l++) {
            long equalAfter = 0;
            if (equal[upperBound(d, max[l]) - 1] > 1) {
                long p = layerStart + at[l];
                long pos = 0;
                for (double[] s : scores) {
                    for (double v : s) {
                        if (pos > p && v == max[l]) {
                            equalAfter++;
                        }
                        pos++;
                    }
                }
            }
            ranks[l] = below[lowerBound(d, max[l])] + equalAfter + 1;
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
