package org.pruneproof.verification.api;

/** The outcome of checking a claim. */
public enum Verdict {
    /** Every checked instance satisfied the claim, and at least the minimum number were checked. */
    HOLDS,
    /** A counterexample was found (and shrunk). */
    FALSIFIED,
    /** Too many instances were discarded, or the time budget ran out before the minimum number of tries. */
    INCONCLUSIVE;

    /**
     * Whether this verdict contradicts the expectation; only such a contradiction fails the build.
     * An inconclusive verdict contradicts nothing (it is reported loudly instead).
     */
    public boolean contradicts(Expectation expected) {
        return switch (expected) {
            case HOLDS -> this == FALSIFIED;
            case FALSIFIED -> this == HOLDS;
            case OPEN -> false;
        };
    }
}
