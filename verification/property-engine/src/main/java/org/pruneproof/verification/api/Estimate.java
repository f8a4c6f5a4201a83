package org.pruneproof.verification.api;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A Monte Carlo estimate of an expectation E[X] from n independent repetitions: the sample mean X̄ and its standard
 * error s/√n, s the sample standard deviation. Statistical clauses ({@link Inequalities#estimateAtMost},
 * {@link Inequalities#deviationAtMost}) compare a bound with X̄ less a one-sided Student-t margin
 * t_{n−1}(confidence)·s/√n, so that a finite number of repetitions does not falsify a true statement about E[X]
 * more often than 1 − confidence.
 *
 * @param mean          X̄
 * @param standardError s/√n
 * @param count         n ≥ 2
 */
public record Estimate(double mean, double standardError, int count) {

    /** The one-sided confidence of statistical clauses: a true bound on E[X] fails with probability ≤ 0.001. */
    public static final double CONFIDENCE = 0.999;

    public Estimate {
        if (count < 2) {
            throw new IllegalArgumentException("an estimate needs at least 2 repetitions, got " + count);
        }
        if (!(standardError >= 0)) {
            throw new IllegalArgumentException("standard error must be ≥ 0, got " + standardError);
        }
    }

    /** The estimate of E[X] from independent samples of X. */
    public static Estimate of(double[] samples) {
        SummaryStatistics s = new SummaryStatistics();
        for (double x : samples) {
            s.addValue(x);
        }
        if (samples.length < 2) {
            throw new IllegalArgumentException("an estimate needs at least 2 repetitions, got " + samples.length);
        }
        return new Estimate(s.getMean(), s.getStandardDeviation() / Math.sqrt(samples.length), samples.length);
    }

    /** t_{n−1}(confidence)·SE: how far below X̄ the one-sided lower confidence bound of E[X] lies. */
    public double margin(double confidence) {
        return new TDistribution(null, count - 1).inverseCumulativeProbability(confidence) * standardError;
    }

    /** This estimate shifted by a constant (the estimate of E[X] + c). */
    public Estimate plus(double c) {
        return new Estimate(mean + c, standardError, count);
    }

    /** The estimate of E[X] − E[Y] from independent repetitions of X and Y: SE = √(SE_X² + SE_Y²). */
    public Estimate minus(Estimate other) {
        return new Estimate(mean - other.mean, Math.hypot(standardError, other.standardError), Math.min(count, other.count));
    }

    /** "X̄ ± SE (n = …)". */
    public String describe() {
        return String.format(Locale.ROOT, "%.4g ± %.2g (SE, n = %d)", mean, standardError, count);
    }
}
