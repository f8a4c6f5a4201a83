package org.pruneproof.reports.results;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a results file must satisfy beyond being well-formed JSON, so that a report never shows a
 * verdict the engine cannot give or a claim without a name: every claim has a non-blank id, unique in
 * the file; its verdict is {@code HOLDS}, {@code FALSIFIED} or {@code INCONCLUSIVE}; its expectation is
 * {@code holds}, {@code falsified} or {@code open}; its counts are non-negative. Fields that a
 * reader does not need (title, statement, series, …) may be missing, as in files from older versions.
 */
final class ResultsValidation {

    private static final List<String> VERDICTS = List.of("HOLDS", "FALSIFIED", "INCONCLUSIVE");
    private static final List<String> EXPECTATIONS = List.of("holds", "falsified", "open");

    private ResultsValidation() {
    }

    /** @throws InvalidResultsException naming the file, the claim and the field */
    static void check(Path file, RunResults results) {
        Set<String> ids = new HashSet<>();
        List<ClaimResult> claims = results.claims();
        for (int k = 0; k < claims.size(); k++) {
            ClaimResult c = claims.get(k);
            String where = file + ": claim " + (k + 1);
            if (c.id() == null || c.id().isBlank()) {
                throw new InvalidResultsException(where + " has no \"id\"; expected the claim's id, e.g. \"ye2020.realizable-rate\"");
            }
            where += " (\"" + c.id() + "\")";
            if (!ids.add(c.id())) {
                throw new InvalidResultsException(where + " appears twice; expected each claim id once");
            }
            oneOf(where, "verdict", c.verdict(), VERDICTS);
            oneOf(where, "expected", c.expected(), EXPECTATIONS);
            if (c.tries() < 0 || c.discarded() < 0 || c.storedReplayed() < 0 || c.durationMs() < 0) {
                throw new InvalidResultsException(where + ": \"tries\", \"discarded\", \"storedReplayed\" and "
                        + "\"durationMs\" must be non-negative");
            }
        }
    }

    private static void oneOf(String where, String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidResultsException(where + ": field \"" + field + "\" is "
                    + (value == null ? "missing" : "\"" + value + "\"") + "; expected one of " + String.join(", ", allowed));
        }
    }
}
