package org.pruneproof.verification.experiments;

import java.util.ArrayList;
import java.util.List;
import org.pruneproof.reports.results.Series;
import org.pruneproof.verification.api.LinearFit;

/**
 * Least-squares line through (log n, log L_n) for n in a window [from, to], dropping exact zeros
 * (interior targets can hit L_n = 0; notes ye2020.md §7.4): {@code log L_n ≈ intercept + slope·log n}.
 *
 * @param slope     fitted exponent
 * @param intercept fitted log-constant
 * @param points    points used (non-zero losses in the window)
 * @param from      first n of the window
 * @param to        last n of the window
 */
public record LogLogFit(double slope, double intercept, int points, int from, int to) {

    /** Fits losses {@code loss[n−1] = L_n} over n ∈ [from, to]; NaN slope when fewer than two are non-zero. */
    public static LogLogFit of(double[] loss, int from, int to) {
        if (from < 1 || to > loss.length || from >= to) {
            throw new IllegalArgumentException("fit window [" + from + ", " + to + "] outside [1, " + loss.length + "]");
        }
        List<Double> logN = new ArrayList<>();
        List<Double> logL = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (loss[n - 1] > 0) {
                logN.add(StrictMath.log(n));
                logL.add(StrictMath.log(loss[n - 1]));
            }
        }
        if (logN.size() < 2) {
            // Fewer than two non-zero losses in the window: no slope (callers count such windows).
            return new LogLogFit(Double.NaN, Double.NaN, logN.size(), from, to);
        }
        LinearFit fit = LinearFit.of(logN.stream().mapToDouble(Double::doubleValue).toArray(),
                logL.stream().mapToDouble(Double::doubleValue).toArray());
        return new LogLogFit(fit.slope(), fit.intercept(), logN.size(), from, to);
    }

    /** The fitted line at n. */
    public double at(double n) {
        return StrictMath.exp(intercept + slope * StrictMath.log(n));
    }

    /** The losses at about {@code count} log-spaced n (zeros dropped), as a measured log–log series. */
    public static Series curve(String plot, String name, double[] loss, int count) {
        List<double[]> pts = new ArrayList<>();
        int last = 0;
        for (int k = 0; k < count; k++) {
            int n = (int) Math.round(StrictMath.exp(StrictMath.log(loss.length) * k / (count - 1.0)));
            if (n > last && n >= 1 && n <= loss.length && loss[n - 1] > 0) {
                pts.add(new double[] {n, loss[n - 1]});
                last = n;
            }
        }
        return Series.measured(plot, name, "n", "L_n", pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()).logLog();
    }

    /** The fitted line over its window, as a fit series. */
    public Series line(String plot, String name) {
        return Series.measured(plot, name, "n", "L_n", new double[] {from, to}, new double[] {at(from), at(to)})
                .logLog().withRole("fit");
    }
}
