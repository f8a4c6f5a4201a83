package org.pruneproof.reports.results;

import java.util.List;

/** Everything one run produced: its environment and one result per claim. */
public record RunResults(RunInfo run, List<ClaimResult> claims) {

    public RunResults {
        claims = claims == null ? List.of() : List.copyOf(claims);
    }
}
