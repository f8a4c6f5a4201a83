package org.pruneproof.reference.pruning;

/**
 * The exact critical sparsity of a score vector under the global threshold of {@link GlobalThreshold}
 * (docs/theory/hayou2021.md, "Exact s_cr"): weights are removed in increasing order of score (ties: highest position
 * first); let r_l be the 1-based removal rank of the last weight of layer l to go (its largest score; among equal
 * largest scores, the lowest position). Removing the first sM weights empties layer l iff sM ≥ r_l, so
 * s_cr = min_l r_l/M and the first layer to collapse is argmin_l r_l (lowest layer on ties, which cannot occur
 * since ranks are distinct).
 *
 * @param value           s_cr = min_l r_l/M
 * @param collapsingLayer argmin_l r_l
 * @param lastRanks       r_l for each layer (0 for a layer without weights)
 * @param total           M
 */
public record CriticalSparsity(double value, int collapsingLayer, long[] lastRanks, long total) {

    /** The exact s_cr of per-layer scores (layer l's weights row-major). */
    public static CriticalSparsity of(double[][] scores) {
        long total = GlobalThreshold.total(scores);
        if (total == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double[] sorted = GlobalThreshold.flattenSorted(scores);
        long[] ranks = new long[scores.length];
        int best = -1;
        long offset = 0;
        for (int l = 0; l < scores.length; l++) {
            double[] s = scores[l];
            if (s.length == 0) {
                continue;
            }
            int top = 0;
            for (int k = 1; k < s.length; k++) {
                if (s[k] > s[top]) {
                    top = k;
                }
            }
            double g = s[top];
            long position = offset + top;
            long below = GlobalThreshold.lowerBound(sorted, g);
            long equal = GlobalThreshold.upperBound(sorted, g) - below;
            long tiesRemovedNoLater = equal == 1 ? 1 : tiesAtOrAfter(scores, g, position);
            ranks[l] = below + tiesRemovedNoLater;
            if (best < 0 || ranks[l] < ranks[best]) {
                best = l;
            }
            offset += s.length;
        }
        return new CriticalSparsity((double) ranks[best] / total, best, ranks, total);
    }

    /** The number of scores equal to g at a position ≥ {@code position} (removed no later than it). */
    private static long tiesAtOrAfter(double[][] scores, double g, long position) {
        long count = 0;
        long p = 0;
        for (double[] s : scores) {
            for (double v : s) {
                if (v == g && p >= position) {
                    count++;
                }
                p++;
            }
        }
        return count;
    }
}
