package org.pruneproof.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two runs compared: timings and the machine left out, every finding kept. */
class ResultsComparisonTest {

    private static RunInfo run(String start, long durationMs, String commit) {
        return new RunInfo("0.1", "pruneproof verify", "jdk", "os", "cpu", 2, 1024, "backend", 20201, "default", commit, start,
                durationMs, Map.of());
    }

    private static ClaimResult claim(String id, int tries, long durationMs, String reason) {
        return ClaimResult.builder(id).title("t").statement("s").paper("p").verdict("HOLDS").expected("holds").agrees(true)
                .reason(reason).tries(tries).durationMs(durationMs).statistics(Map.of("generated", tries)).build();
    }

    @Test
    void runsThatDifferOnlyInTimingsAndMachineAreTheSame() {
        RunResults a = new RunResults(run("2026-12-02T09:00Z", 1000, "abc"), List.of(claim("x.a", 5, 10, "ok"), claim("x.b", 7, 20, "ok")));
        RunResults b = new RunResults(run("2026-12-02T10:00Z", 2000, "def"), List.of(claim("x.a", 5, 99, "ok"), claim("x.b", 7, 1, "ok")));
        assertEquals(List.of(), ResultsComparison.differences(a, b));
    }

    @Test
    void aDifferentFindingIsNamedByClaimAndField() {
        RunResults a = new RunResults(run("s", 1, "c"), List.of(claim("x.a", 5, 10, "ok")));
        RunResults b = new RunResults(run("s", 1, "c"), List.of(claim("x.a", 6, 10, "ok")));
        List<String> d = ResultsComparison.differences(a, b);
        assertTrue(d.contains(".claims[x.a].tries: 5 vs 6"), d.toString());
        assertTrue(d.contains(".claims[x.a].statistics.generated: 5 vs 6"), d.toString());
        RunResults fewer = new RunResults(run("s", 1, "c"), List.of());
        assertTrue(ResultsComparison.differences(a, fewer).contains(".claims: 1 entries vs 0"));
        RunResults otherSeed = new RunResults(new RunInfo("0.1", "c", "j", "o", "c", 2, 1, "b", 7, "default", "c", "s", 1, Map.of()),
                a.claims());
        assertTrue(ResultsComparison.differences(a, otherSeed).contains(".run.seed: 20201 vs 7"));
    }

    @Test
    void claimsWhoseTimeBudgetRanOutAreNamed() {
        RunResults a = new RunResults(run("s", 1, "c"), List.of(claim("x.a", 5, 10, "only 5 of 7 (time budget of 600 s ran out)"),
                claim("x.b", 7, 20, "budget of 7 tries spent")));
        assertEquals(java.util.Set.of("x.a"), ResultsComparison.timeLimited(a));
    }
}
