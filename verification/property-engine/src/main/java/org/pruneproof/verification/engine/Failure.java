package org.pruneproof.verification.engine;

import org.pruneproof.verification.api.Outcome;

/**
 * A failing instance of a claim and where it came from.
 *
 * @param instance    the instance (null when the generator itself threw)
 * @param outcome     its failing outcome
 * @param source      {@code search}, {@code targeted search} or {@code stored <file>}
 * @param seed        the seed it was generated from (0 when not generated)
 * @param size        the size it was generated with (0 when not generated)
 * @param shrinkSteps how many simplifications were accepted
 */
record Failure<I>(I instance, Outcome.Checked outcome, String source, long seed, int size, int shrinkSteps) {

    /** This failure with another instance, outcome and step count (its shrunk form), same origin. */
    Failure<I> shrunk(I shrunkInstance, Outcome.Checked shrunkOutcome, int steps) {
        return new Failure<>(shrunkInstance, shrunkOutcome, source, seed, size, steps);
    }
}
