package org.pruneproof.verification.experiments;

import java.util.Arrays;
import java.util.Locale;
import org.pruneproof.verification.api.Estimate;
import org.pruneproof.verification.api.Outcome;

/**
 * The paired per-seed differences d_k of a two-arm real-data experiment and the reproductions' criterion on them: the
 * one-sided Student-t bounds {@code d̄ ∓ t_{n−1}(c)·SE} and the number of seeds with {@code d_k > 0}. REPRODUCED when the
 * lower bound is above 0 and d > 0 in a majority of seeds; NOT REPRODUCED when the upper bound is below 0 (or, where the
 * claim's criterion says so, when d > 0 in no seed); otherwise INCONCLUSIVE, a discarded experiment that keeps its
 * measurement.
 *
 * @param differences d_k, one per seed (at least 2)
 * @param estimate    their mean and standard error
 * @param lower       one-sided lower confidence bound of E[d]
 * @param upper       one-sided upper confidence bound of E[d]
 * @param wins        seeds with d_k > 0
 */
public record PairedDifferences(double[] differences, Estimate estimate, double lower, double upper, int wins) {

    public PairedDifferences {
        differences = differences.clone();
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    /** The bounds at one-sided {@code confidence} of the differences {@code a_k − b_k}. */
    public static PairedDifferences of(double[] a, double[] b, double confidence) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired arms need as many seeds each, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = a[k] - b[k];
        }
        Estimate e = Estimate.of(d);
        double margin = e.margin(confidence);
        return new PairedDifferences(d, e, e.mean() - margin, e.mean() + margin, (int) Arrays.stream(d).filter(x -> x > 0).count());
    }

    /** "0.0350 ± 0.0080 (mean ± s.e., 3 seeds; one-sided 95 % bounds [0.0120, 0.0580])". */
    public String describe() {
        return String.format(Locale.ROOT, "%.4f ± %.4f (mean ± s.e., %d seeds; one-sided 95%% bounds [%.4f, %.4f])", estimate.mean(),
                estimate.standardError(), differences.length, lower, upper);
    }

    /**
     * The verdict by the criterion above, its message "reproduced (scale): measurement" (or "not reproduced", or
     * "inconclusive"); ratio 1/(1 + lower bound) when reproduced.
     *
     * @param noWinRefutes whether d > 0 in no seed also means NOT REPRODUCED
     */
    public Outcome judge(String scale, String measurement, boolean noWinRefutes) {
        if (lower > 0 && 2 * wins > differences.length) {
            return Outcome.holds(1 / (1 + lower), "reproduced (" + scale + "): " + measurement);
        }
        if (upper < 0 || (noWinRefutes && wins == 0)) {
            return Outcome.fails(Double.POSITIVE_INFINITY, "not reproduced (" + scale + "): " + measurement);
        }
        // undecided: discarded, with its measurement (the report shows it, and the figure, for an inconclusive claim)
        return Outcome.discard("inconclusive (" + scale + "): " + measurement);
    }
}
