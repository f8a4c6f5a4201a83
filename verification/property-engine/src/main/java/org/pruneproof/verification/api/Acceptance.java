package org.pruneproof.verification.api;

import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * How the checked instances of a claim decide its verdict.
 *
 * <p>A claim says that each checked instance passes its check with probability at least {@code passRate}.
 * <ul>
 *   <li>{@link #everyInstance()} (passRate = 1, the default): one failing instance falsifies the claim. This is the
 *       rule of hard inequalities, and of any statement about every instance.</li>
 *   <li>{@link #passRate(double, double)} (passRate &lt; 1): a statistical claim judged over repeated random
 *       experiments. With k failures among n experiments it is falsified when the one-sided exact binomial test
 *       rejects "failure rate ≤ 1 − passRate":
 *       p = P(Bin(n, 1 − passRate) ≥ k) ≤ {@code significance}. A single failing experiment is evidence, not a
 *       counterexample; the report says how many failed.</li>
 * </ul>
 * {@link #median()} is the sign test: "the statement holds for the median random draw" (passRate 1/2).
 *
 * @param passRate     the smallest probability of passing the claim asserts, in (0, 1]
 * @param significance the test's level, in (0, 0.5]; 0 for {@link #everyInstance()}
 */
public record Acceptance(double passRate, double significance) {

    /** The significance of the statistical rules unless a claim says otherwise. */
    public static final double DEFAULT_SIGNIFICANCE = 0.01;

    public Acceptance {
        if (passRate == 1) {
            if (significance != 0) {
                throw new IllegalArgumentException("every-instance acceptance has no significance level, got " + significance);
            }
        } else if (!(passRate > 0 && passRate < 1)) {
            throw new IllegalArgumentException("passRate must be in (0, 1], got " + passRate);
        } else if (!(significance > 0 && significance <= 0.5)) {
            throw new IllegalArgumentException("significance must be in (0, 0.5], got " + significance);
        }
    }

    /** One failing instance falsifies the claim. */
    public static Acceptance everyInstance() {
        return new Acceptance(1, 0);
    }

    /** Each experiment passes with probability ≥ {@code passRate}; binomial test at level {@code significance}. */
    public static Acceptance passRate(double passRate, double significance) {
        if (passRate >= 1) {
            throw new IllegalArgumentException("a pass rate below 1 is needed; use everyInstance() for 1");
        }
        return new Acceptance(passRate, significance);
    }

    /** The sign test at level {@value #DEFAULT_SIGNIFICANCE}: the median experiment passes (passRate 1/2). */
    public static Acceptance median() {
        return passRate(0.5, DEFAULT_SIGNIFICANCE);
    }

    /** Whether one failing instance falsifies the claim. */
    public boolean isEveryInstance() {
        return passRate == 1;
    }

    /**
     * p = P(Bin(checked, 1 − passRate) ≥ failed): how likely this many failures or more are if the claim holds
     * with the smallest pass rate it allows. 1 when nothing failed; 0 for a failure under {@link #everyInstance()}.
     */
    public double pValue(int failed, int checked) {
        if (failed < 0 || failed > checked) {
            throw new IllegalArgumentException("need 0 ≤ failed ≤ checked, got " + failed + " of " + checked);
        }
        if (failed == 0) {
            return 1;
        }
        if (isEveryInstance()) {
            return 0;
        }
        BinomialDistribution failures = new BinomialDistribution(null, checked, 1 - passRate);
        return Math.min(1, Math.max(0, 1 - failures.cumulativeProbability(failed - 1)));
    }

    /** Whether {@code failed} failures among {@code checked} instances falsify the claim. */
    public boolean rejects(int failed, int checked) {
        return failed > 0 && pValue(failed, checked) <= significance;
    }

    /** The fewest failures among {@code checked} instances that falsify the claim; checked + 1 when none can. */
    public int failuresToReject(int checked) {
        for (int k = 1; k <= checked; k++) {
            if (rejects(k, checked)) {
                return k;
            }
        }
        return checked + 1;
    }

    /** The rule in words, for the report. */
    public String describe() {
        if (isEveryInstance()) {
            return "every instance must pass";
        }
        return String.format(Locale.ROOT, "each experiment passes with probability ≥ %s; falsified when the failures are "
                + "too many for that rate (one-sided exact binomial test at level %s)", trim(passRate), trim(significance));
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
}
