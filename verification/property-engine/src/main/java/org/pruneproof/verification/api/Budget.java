package org.pruneproof.verification.api;

import java.time.Duration;

/**
 * How much work a claim may take in the default budget (the one {@code mvn verify} uses; the main
 * job multiplies tries and time).
 *
 * @param tries              instances to check
 * @param minTries           fewer checked instances than this (time ran out, too many discards) gives
 *                           INCONCLUSIVE, never HOLDS
 * @param time               wall-clock limit for generation and checking (shrinking has its own)
 * @param maxDiscardFraction above this fraction of discarded instances the claim is INCONCLUSIVE
 * @param scaleLimitTries    the most tries a scaled budget (the main job's) may give this claim
 * @param scaleLimitTime     the most time a scaled budget may give this claim
 */
public record Budget(int tries, int minTries, Duration time, double maxDiscardFraction, int scaleLimitTries,
                     Duration scaleLimitTime) {

    /** No limit on scaling. */
    private static final Duration NO_TIME_LIMIT = Duration.ofDays(365);

    /** A budget whose scaled versions are not limited. */
    public Budget(int tries, int minTries, Duration time, double maxDiscardFraction) {
        this(tries, minTries, time, maxDiscardFraction, Integer.MAX_VALUE, NO_TIME_LIMIT);
    }

    public Budget {
        if (tries < 1 || minTries < 1 || minTries > tries) {
            throw new IllegalArgumentException("need 1 ≤ minTries ≤ tries, got minTries=" + minTries + ", tries=" + tries);
        }
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("time must be positive");
        }
        if (!(maxDiscardFraction >= 0 && maxDiscardFraction < 1)) {
            throw new IllegalArgumentException("maxDiscardFraction must be in [0, 1), got " + maxDiscardFraction);
        }
        if (scaleLimitTries < tries || scaleLimitTime == null || scaleLimitTime.compareTo(time) < 0) {
            throw new IllegalArgumentException("the scale limits must be at least the budget itself, got " + scaleLimitTries
                    + " tries and " + scaleLimitTime + " for " + tries + " tries and " + time);
        }
    }

    /**
     * This budget, with the main job's scaling limited to {@code maxTries} tries and {@code maxTime}: for an expensive
     * experiment whose ten-fold budget would dominate the main job.
     */
    public Budget withScaleLimit(int maxTries, Duration maxTime) {
        return new Budget(tries, minTries, time, maxDiscardFraction, maxTries, maxTime);
    }

    /** The budget of a hard inequality: 500 tries, at least 200, 60 s, at most 50 % discarded. */
    public static Budget hard() {
        return new Budget(500, 200, Duration.ofSeconds(60), 0.5);
    }

    /** A statistical experiment: {@code tries} experiments, all required, within {@code seconds}. */
    public static Budget experiments(int tries, int seconds) {
        return new Budget(tries, tries, Duration.ofSeconds(seconds), 0.5);
    }

    /** This budget with another number of tries (minTries capped accordingly). */
    public Budget withTries(int newTries) {
        return new Budget(newTries, Math.min(minTries, newTries), time, maxDiscardFraction,
                Math.max(newTries, scaleLimitTries), scaleLimitTime);
    }

    /** This budget with tries and time multiplied by {@code factor} ≥ 1, up to the scale limits (minTries unchanged). */
    public Budget scaled(double factor) {
        int scaledTries = (int) Math.min(scaleLimitTries, Math.round(tries * factor));
        long scaledMillis = Math.min(scaleLimitTime.toMillis(), Math.round(time.toMillis() * factor));
        return new Budget(Math.max(tries, scaledTries), minTries, Duration.ofMillis(Math.max(time.toMillis(), scaledMillis)),
                maxDiscardFraction, scaleLimitTries, scaleLimitTime);
    }
}
