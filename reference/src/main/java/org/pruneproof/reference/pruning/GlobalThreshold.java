package org.pruneproof.reference.pruning;

import java.util.Arrays;

/**
 * Pruning with one global threshold over all layers (docs/theory/hayou2021.md): at sparsity s, exactly
 * K = round((1 − s)·M) weights are kept, those with the largest scores; among equal scores the weight at the lower
 * position (layers in order, then row-major) is kept first. Equivalently, weights are removed in increasing order of
 * score, and among equal scores from the highest position down.
 *
 * <p>This exact rule is the one the scaled engine is cross-checked against.
 */
public final class GlobalThreshold {

    private GlobalThreshold() {
    }

    /** K = round((1 − s)·M), the number of weights kept at sparsity s ∈ [0, 1]. */
    public static long keptCount(long total, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        return Math.round((1 - sparsity) * total);
    }

    /** The mask keeping the K = round((1 − s)·M) largest scores, ties to the lower position. */
    public static Mask keepLargest(double[][] scores, double sparsity) {
        long total = total(scores);
        return keepLargestCount(scores, keptCount(total, sparsity));
    }

    /** The mask keeping exactly {@code keep} weights with the largest scores, ties to the lower position. */
    public static Mask keepLargestCount(double[][] scores, long keep) {
        long total = total(scores);
        if (keep < 0 || keep > total) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + total + " weights");
        }
        boolean[][] kept = new boolean[scores.length][];
        for (int l = 0; l < scores.length; l++) {
            kept[l] = new boolean[scores[l].length];
        }
        if (keep == 0) {
            return new Mask(kept);
        }
        double[] sorted = flattenSorted(scores);
        double threshold = sorted[(int) (total - keep)];
        long above = total - upperBound(sorted, threshold);
        long tiesToKeep = keep - above;
        for (int l = 0; l < scores.length; l++) {
            for (int k = 0; k < scores[l].length; k++) {
                double g = scores[l][k];
                if (g > threshold) {
                    kept[l][k] = true;
                } else if (g == threshold && tiesToKeep > 0) {
                    kept[l][k] = true;
                    tiesToKeep--;
                }
            }
        }
        return new Mask(kept);
    }

    static long total(double[][] scores) {
        long m = 0;
        for (double[] s : scores) {
            for (double g : s) {
                if (Double.isNaN(g)) {
                    throw new IllegalArgumentException("scores must not be NaN");
                }
            }
            m += s.length;
        }
        if (m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many weights for the reference engine: " + m);
        }
        return m;
    }

    static double[] flattenSorted(double[][] scores) {
        double[] all = new double[(int) total(scores)];
        int p = 0;
        for (double[] s : scores) {
            System.arraycopy(s, 0, all, p, s.length);
            p += s.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** The number of entries of the sorted array that are ≤ v. */
    static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of entries of the sorted array that are &lt; v. */
    static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
