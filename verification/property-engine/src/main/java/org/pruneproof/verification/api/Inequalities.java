package org.pruneproof.verification.api;

import java.util.Locale;
import org.pruneproof.theory.Tolerance;

/**
 * Accumulates the clauses of a hard inequality check ({@code value ≤ bound} for many n, say) and
 * turns them into one {@link Outcome.Checked}: the worst ratio value/bound over all clauses, and the
 * first clause that failed.
 *
 * <pre>{@code
 * Inequalities ineq = Inequalities.hard();
 * for (int n = 1; n <= steps; n++) ineq.atMost("n·L_n ≤ V", n, n * loss[n-1], spread);
 * return ineq.outcome();
 * }</pre>
 */
public final class Inequalities {

    private final double relative;
    private final double absolute;
    private double worstRatio = Double.NEGATIVE_INFINITY;
    private String worstClause = "no clause checked";
    private String firstFailure;
    private int clauses;

    private Inequalities(double relative, double absolute) {
        this.relative = relative;
        this.absolute = absolute;
    }

    /** Tolerances of hard inequalities: relative 1e-9 and an absolute floor of 1e-12. */
    public static Inequalities hard() {
        return new Inequalities(Tolerance.HARD_RELATIVE, 1e-12);
    }

    /** Custom tolerances: a clause holds when {@code value ≤ bound·(1 + relative) + absolute}. */
    public static Inequalities withTolerance(double relative, double absolute) {
        return new Inequalities(relative, absolute);
    }

    /**
     * Checks {@code value ≤ bound} for the clause {@code name} at index {@code n}.
     *
     * @return whether the clause held
     */
    public boolean atMost(String name, int n, double value, double bound) {
        clauses++;
        boolean ok = Tolerance.atMost(value, bound, relative, absolute);
        double ratio = Tolerance.ratio(value, bound);
        if (ratio > worstRatio || Double.isNaN(ratio)) {
            worstRatio = ratio;
            worstClause = describe(name, n, value, bound);
        }
        if (!ok && firstFailure == null) {
            firstFailure = describe(name, n, value, bound);
        }
        return ok;
    }

    /** Checks {@code |value − expected| ≤ tol·max(1, |expected|)} (an identity); ratio = error / allowed. */
    public boolean equal(String name, int n, double value, double expected, double tol) {
        double err = Math.abs(value - expected);
        double allowed = tol * Math.max(1, Math.abs(expected));
        return atMostWithRatio(name, n, err, allowed,
                String.format(Locale.ROOT, "%s at n=%d: %.17g vs expected %.17g (error %.3g, allowed %.3g)",
                        name, n, value, expected, err, allowed));
    }

    /**
     * A statistical clause E[X] ≤ bound checked on a Monte Carlo estimate: it fails only when the one-sided lower
     * confidence bound X̄ − t·SE (confidence {@value Estimate#CONFIDENCE}) exceeds the bound. Ratio = that lower bound
     * over the bound.
     */
    public boolean estimateAtMost(String name, int n, Estimate value, double bound) {
        double lower = value.mean() - value.margin(Estimate.CONFIDENCE);
        return atMostWithRatio(name, n, lower, bound, String.format(Locale.ROOT,
                "%s at n=%d: %s, lower %.1f%% confidence bound %.4g vs bound %.4g", name, n, value.describe(),
                100 * Estimate.CONFIDENCE, lower, bound));
    }

    /**
     * A statistical clause |E[D]| ≤ allowed checked on a Monte Carlo estimate of the deviation D: it fails only when
     * |D̄| exceeds {@code allowed} by more than the one-sided margin t·SE (confidence {@value Estimate#CONFIDENCE}),
     * i.e. when the data rule out every |E[D]| ≤ allowed. Ratio = |D̄| / (allowed + t·SE).
     */
    public boolean deviationAtMost(String name, int n, Estimate deviation, double allowed) {
        double margin = deviation.margin(Estimate.CONFIDENCE);
        double size = Math.abs(deviation.mean());
        return atMostWithRatio(name, n, size, allowed + margin, String.format(Locale.ROOT,
                "%s at n=%d: deviation %s vs allowed %.4g + %.3g (t·SE, one-sided %.1f%%)", name, n,
                deviation.describe(), allowed, margin, 100 * Estimate.CONFIDENCE));
    }

    private boolean atMostWithRatio(String name, int n, double value, double bound, String text) {
        clauses++;
        boolean ok = value <= bound;
        double ratio = Tolerance.ratio(value, bound);
        if (ratio > worstRatio || Double.isNaN(ratio)) {
            worstRatio = ratio;
            worstClause = text;
        }
        if (!ok && firstFailure == null) {
            firstFailure = text;
        }
        return ok;
    }

    /** Whether every clause so far held. */
    public boolean allHold() {
        return firstFailure == null;
    }

    /** The worst ratio so far. */
    public double worstRatio() {
        return clauses == 0 ? Double.NaN : worstRatio;
    }

    /** The outcome: fails with the first violated clause, or holds with the tightest clause. */
    public Outcome.Checked outcome() {
        if (firstFailure != null) {
            return Outcome.fails(worstRatio(), "violated: " + firstFailure).withDetail("clauses", clauses);
        }
        return Outcome.holds(worstRatio(), "tightest: " + worstClause).withDetail("clauses", clauses);
    }

    /**
     * The outcome of these clauses, whose worst ratio is the claim's tightness, together with
     * {@code side} clauses that must hold too (a failure there fails the outcome) but whose ratios are
     * only recorded, as the detail {@code sideName + "WorstRatio"}. Use it when a side clause is an
     * exact equality on some instances and would otherwise hide how tight the main bound is.
     */
    public Outcome.Checked outcomeWith(String sideName, Inequalities side) {
        if (side.firstFailure != null && firstFailure == null) {
            return side.outcome().withDetail(sideName + "WorstRatio", side.worstRatio());
        }
        return outcome().withDetail(sideName + "WorstRatio", side.worstRatio());
    }

    private static String describe(String name, int n, double value, double bound) {
        return String.format(Locale.ROOT, "%s at n=%d: %.10g vs bound %.10g (ratio %.6g)",
                name, n, value, bound, Tolerance.ratio(value, bound));
    }
}
