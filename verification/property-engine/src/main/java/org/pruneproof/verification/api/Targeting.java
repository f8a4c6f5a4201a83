package org.pruneproof.verification.api;

import java.time.Duration;

/**
 * The budget of a claim's targeted search for its tightest instance, run after the random phase: starting from the
 * {@code starts} tightest random instances, mutate them (continuous values by coordinate and whole-instance moves with
 * an adaptive step, sizes by the shrinker's moves and their reverse), keep every mutant the claim does not discard
 * (so every instance stays within the hypotheses), and accept a mutant when its ratio value/bound is at least the
 * current one. The ratio is the tightness of a holding bound and the violation margin of a failing one.
 *
 * @param evaluations the most mutants checked; 0 means "as many as the random phase's tries"
 * @param time        the most wall-clock time; null means "the random phase's time"
 * @param starts      how many of the tightest random instances to start from (the evaluations are shared)
 */
public record Targeting(int evaluations, Duration time, int starts) {

    public Targeting {
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must be ≥ 0 (0: like the random phase), got " + evaluations);
        }
        if (time != null && (time.isNegative() || time.isZero())) {
            throw new IllegalArgumentException("time must be positive, got " + time);
        }
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be ≥ 1, got " + starts);
        }
    }

    /** The random phase's tries and time, from its 3 tightest instances. */
    public static Targeting likeRandom() {
        return new Targeting(0, null, 3);
    }

    /** At most {@code evaluations} mutants (within the random phase's time), from the 3 tightest instances. */
    public static Targeting evaluations(int evaluations) {
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations must be ≥ 1, got " + evaluations);
        }
        return new Targeting(evaluations, null, 3);
    }

    /** The evaluations of this search under a random phase of {@code budget}. */
    public int evaluationsFor(Budget budget) {
        return evaluations == 0 ? budget.tries() : evaluations;
    }

    /** The time of this search under a random phase of {@code budget}. */
    public Duration timeFor(Budget budget) {
        return time == null ? budget.time() : time;
    }
}
