package org.pruneproof.verification.engine;

import java.util.Objects;
import org.pruneproof.reports.results.ClaimResult;

/**
 * How a claim's result reads as a test, the one rule every test runner applies (the catalogue's own test and the
 * JUnit engine for a user's project):
 * <ul>
 *   <li>{@link Kind#FAILED} when the verdict contradicts the expectation, with the reason, the shrunk
 *       counterexample and the replay command;</li>
 *   <li>{@link Kind#ABORTED} (reported as skipped, with its reason) when the verdict is INCONCLUSIVE on a claim
 *       expected to hold or to be falsified;</li>
 *   <li>{@link Kind#PASSED} otherwise (an open claim passes with any verdict).</li>
 * </ul>
 *
 * @param kind    passed, failed or aborted
 * @param message why, for a failed or aborted test; empty when passed
 */
public record TestVerdict(Kind kind, String message) {

    /** The three ways a test ends. */
    public enum Kind { PASSED, FAILED, ABORTED }

    public TestVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The test outcome of one claim result. */
    public static TestVerdict of(ClaimResult r) {
        if (!r.agrees()) {
            return new TestVerdict(Kind.FAILED, r.id() + ": verdict " + r.verdict() + " contradicts the expectation '"
                    + r.expected() + "'\n"
                    + "  " + r.reason() + "\n"
                    + "  counterexample: " + r.counterexample() + "\n"
                    + "  replay: " + r.replay());
        }
        if ("INCONCLUSIVE".equals(r.verdict()) && !"open".equals(r.expected())) {
            return new TestVerdict(Kind.ABORTED, r.id() + " INCONCLUSIVE: " + r.reason());
        }
        return new TestVerdict(Kind.PASSED, "");
    }
}
