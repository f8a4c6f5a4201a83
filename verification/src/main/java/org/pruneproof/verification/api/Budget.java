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
 */
public record Budget(int tries, int minTries, Duration time, double maxDiscardFraction) {

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
        return new Budget(newTries, Math.min(minTries, newTries), time, maxDiscardFraction);
    }

    /** This budget with tries and time multiplied by {@code factor} ≥ 1 (minTries unchanged). */
    public Budget scaled(double factor) {
        return new Budget((int) Math.round(tries * factor), minTries,
                Duration.ofMillis(Math.round(time.toMillis() * factor)), maxDiscardFraction);
    }
}
