package org.pruneproof.verification.api;

import java.util.Locale;

/** What a claim expects of its verdict. */
public enum Expectation {
    /** The statement must hold on every instance; a counterexample fails the build. */
    HOLDS,
    /** A plausible statement known to be false: the engine must find and shrink a counterexample. */
    FALSIFIED,
    /** A real open question: the run reports the evidence and never fails the build either way. */
    OPEN;

    /** The lower-case label used in results: {@code holds}, {@code falsified}, {@code open}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
