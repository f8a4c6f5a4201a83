package org.pruneproof.reports.results;

import java.util.Arrays;

/**
 * Distribution of the tightness ratios value/bound over the checked instances of a claim.
 *
 * @param count          number of ratios
 * @param min            smallest ratio
 * @param median         median
 * @param p90            90th percentile
 * @param max            largest ratio (the worst case)
 * @param histogramEdges bin edges (length bins + 1), equal-width over [min(0, min), max]
 * @param histogramCounts number of ratios per bin
 */
public record RatioSummary(int count, double min, double median, double p90, double max,
                           double[] histogramEdges, int[] histogramCounts) {

    /** Number of histogram bins. */
    public static final int BINS = 20;

    /** The summary of finite ratios; null when there are none. */
    public static RatioSummary of(double[] ratios) {
        double[] r = Arrays.stream(ratios).filter(Double::isFinite).sorted().toArray();
        if (r.length == 0) {
            return null;
        }
        double lo = Math.min(0, r[0]);
        double hi = r[r.length - 1];
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo + (hi - lo) * b / BINS;
        }
        int[] counts = new int[BINS];
        for (double v : r) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * BINS);
            counts[Math.min(BINS - 1, Math.max(0, b))]++;
        }
        return new RatioSummary(r.length, r[0], quantile(r, 0.5), quantile(r, 0.9), r[r.length - 1], edges, counts);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
