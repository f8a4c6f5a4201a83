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
 * @param maxSize            the largest instance size the engine asks for in this budget: instance k has size
 *                           {@code 1 + (k mod maxSize)} ({@link Gen#MAX_SIZE} unless limited)
 * @param scaledMaxSize      the largest size in a scaled budget (the main job's); at least {@code maxSize}
 * @param maxAttempts        the most instances the engine generates in this budget, discarded ones included; 0 for
 *                           the default, 20 per try
 * @param scaledMaxAttempts  the same in a scaled budget (0: 20 per try)
 */
public record Budget(int tries, int minTries, Duration time, double maxDiscardFraction, int scaleLimitTries,
                     Duration scaleLimitTime, int maxSize, int scaledMaxSize, int maxAttempts, int scaledMaxAttempts) {

    /** No limit on scaling. */
    private static final Duration NO_TIME_LIMIT = Duration.ofDays(365);

    /** A budget whose scaled versions are not limited. */
    public Budget(int tries, int minTries, Duration time, double maxDiscardFraction) {
        this(tries, minTries, time, maxDiscardFraction, Integer.MAX_VALUE, NO_TIME_LIMIT);
    }

    /** A budget with scale limits and every size up to {@link Gen#MAX_SIZE}. */
    public Budget(int tries, int minTries, Duration time, double maxDiscardFraction, int scaleLimitTries,
                  Duration scaleLimitTime) {
        this(tries, minTries, time, maxDiscardFraction, scaleLimitTries, scaleLimitTime, Gen.MAX_SIZE, Gen.MAX_SIZE, 0, 0);
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
        if (maxSize < 1 || scaledMaxSize < maxSize || scaledMaxSize > Gen.MAX_SIZE) {
            throw new IllegalArgumentException("need 1 ≤ maxSize ≤ scaledMaxSize ≤ " + Gen.MAX_SIZE + ", got maxSize=" + maxSize
                    + ", scaledMaxSize=" + scaledMaxSize);
        }
        if ((maxAttempts != 0 && maxAttempts < tries) || (scaledMaxAttempts != 0 && scaledMaxAttempts < maxAttempts)) {
            throw new IllegalArgumentException("need tries ≤ maxAttempts ≤ scaledMaxAttempts (0 for 20 per try), got tries=" + tries
                    + ", maxAttempts=" + maxAttempts + ", scaledMaxAttempts=" + scaledMaxAttempts);
        }
    }

    /**
     * This budget, with the main job's scaling limited to {@code maxTries} tries and {@code maxTime}: for an expensive
     * experiment whose ten-fold budget would dominate the main job.
     */
    public Budget withScaleLimit(int maxTries, Duration maxTime) {
        return new Budget(tries, minTries, time, maxDiscardFraction, maxTries, maxTime, maxSize, scaledMaxSize, maxAttempts, scaledMaxAttempts);
    }

    /**
     * This budget with explicit instance sizes per budget: sizes 1 … {@code defaultMaxSize} in this budget and 1 …
     * {@code scaledMaxSize} in a scaled one. For an experiment whose sizes name versions of it (size 1 the reduced
     * experiment, size 2 the full-size one): {@code withSizeLimits(1, 2)} keeps the full-size version out of the default
     * budget even when a reduced instance is discarded and another one is drawn.
     */
    public Budget withSizeLimits(int defaultMaxSize, int scaledMaxSize) {
        return new Budget(tries, minTries, time, maxDiscardFraction, scaleLimitTries, scaleLimitTime, defaultMaxSize, scaledMaxSize,
                maxAttempts, scaledMaxAttempts);
    }

    /**
     * This budget with at most {@code defaultMaxAttempts} generated instances (discarded ones included) in this budget
     * and {@code scaledMaxAttempts} in a scaled one. For an expensive experiment that is discarded when it cannot
     * decide: the number of experiments drawn is then fixed by the budget, not by how many fit into its time on this
     * machine, so the result does not depend on the machine's speed or load as long as they fit.
     */
    public Budget withAttemptLimits(int defaultMaxAttempts, int scaledMaxAttempts) {
        return new Budget(tries, minTries, time, maxDiscardFraction, scaleLimitTries, scaleLimitTime, maxSize, scaledMaxSize,
                defaultMaxAttempts, scaledMaxAttempts);
    }

    /** The most instances generated under this budget: {@link #maxAttempts}, or 20 per try when it is 0. */
    public int attemptLimit() {
        return maxAttempts == 0 ? tries * 20 : maxAttempts;
    }

    /** This budget with another time limit (the scale limit raised to it if needed). */
    public Budget withTime(Duration newTime) {
        Duration limit = scaleLimitTime.compareTo(newTime) < 0 ? newTime : scaleLimitTime;
        return new Budget(tries, minTries, newTime, maxDiscardFraction, scaleLimitTries, limit, maxSize, scaledMaxSize, maxAttempts,
                scaledMaxAttempts);
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
                Math.max(newTries, scaleLimitTries), scaleLimitTime, maxSize, scaledMaxSize,
                maxAttempts == 0 ? 0 : Math.max(maxAttempts, newTries), scaledMaxAttempts == 0 ? 0 : Math.max(scaledMaxAttempts, newTries));
    }

    /**
     * This budget with tries and time multiplied by {@code factor} ≥ 1, up to the scale limits (minTries unchanged), and
     * sizes up to {@link #scaledMaxSize}.
     */
    public Budget scaled(double factor) {
        int scaledTries = (int) Math.min(scaleLimitTries, Math.round(tries * factor));
        long scaledMillis = Math.min(scaleLimitTime.toMillis(), Math.round(time.toMillis() * factor));
        int attempts = scaledMaxAttempts == 0 ? 0 : Math.max(scaledMaxAttempts, Math.max(tries, scaledTries));
        return new Budget(Math.max(tries, scaledTries), minTries, Duration.ofMillis(Math.max(time.toMillis(), scaledMillis)),
                maxDiscardFraction, scaleLimitTries, scaleLimitTime, scaledMaxSize, scaledMaxSize, attempts, attempts);
    }
}
