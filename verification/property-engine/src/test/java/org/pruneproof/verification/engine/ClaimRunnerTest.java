package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/** The engine's verdicts, shrinking and determinism on small synthetic claims. */
class ClaimRunnerTest {

    @TempDir
    Path root;

    /** An instance for the synthetic claims: one double. */
    public record Value(double x) {
    }

    /** "x ≤ limit" on x uniform in [0, 10); optionally discards x below {@code discardBelow}. */
    public static class Below implements Claim<Value> {
        final double limit;
        final double discardBelow;
        final Budget budget;
        final Acceptance acceptance;

        Below(double limit, double discardBelow, Budget budget) {
            this(limit, discardBelow, budget, Acceptance.everyInstance());
        }

        Below(double limit, double discardBelow, Budget budget, Acceptance acceptance) {
            this.limit = limit;
            this.discardBelow = discardBelow;
            this.budget = budget;
            this.acceptance = acceptance;
        }

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("test.below").title("x below a limit").statement("x \\le c")
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test")).expected(Expectation.HOLDS)
                    .budget(budget).acceptance(acceptance).build();
        }

        @Override
        public Gen<Value> instances() {
            return Gens.doubles(0, 10).map(Value::new);
        }

        @Override
        public Outcome check(Value v) {
            if (v.x() < discardBelow) {
                return Outcome.discard("x below " + discardBelow);
            }
            return v.x() <= limit ? Outcome.holds(v.x() / limit, "ok") : Outcome.fails(v.x() / limit, "x=" + v.x());
        }

        @Override
        public Shrinker<Value> shrinker() {
            return v -> Shrink.simplerDoubles(v.x()).stream().map(Value::new);
        }
    }

    private ClaimRunner runner(long seed) {
        return new ClaimRunner(RunConfig.at(root, seed, "default", null, null, "test"));
    }

    @Test
    void sameSeedGivesTheSameResult() {
        Budget b = new Budget(100, 50, Duration.ofSeconds(30), 0.5);
        ClaimResult a = runner(3).run(new Below(20, 0, b));
        ClaimResult c = runner(3).run(new Below(20, 0, b));
        assertEquals(a.worstRatio(), c.worstRatio());
        assertEquals(a.replay(), c.replay());
        assertEquals("HOLDS", a.verdict());
        assertEquals(100, a.tries());
    }

    @Test
    void failureIsShrunkToTheSimplestFailingValue() {
        ClaimResult r = runner(1).run(new Below(2.5, 0, Budget.hard()));
        assertEquals("FALSIFIED", r.verdict());
        // From some x in (2.5, 10): 0 holds, the nearest integer fails and is simpler; then halving stops at 3.
        assertEquals(3.0, r.counterexample().get("instance").get("x").asDouble(), r.counterexample().toString());
    }

    @Test
    void tooManyDiscardsIsInconclusiveNeverAPass() {
        ClaimResult r = runner(1).run(new Below(20, 9.5, new Budget(100, 50, Duration.ofSeconds(30), 0.5)));
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertTrue(r.reason().contains("discarded"), r.reason());
    }

    @Test
    void timeRunningOutBeforeMinimumTriesIsInconclusive() {
        Claim<Value> slow = new SlowBelow(new Below(20, 0, new Budget(1000, 1000, Duration.ofMillis(50), 0.5)));
        ClaimResult r = runner(1).run(slow);
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertTrue(r.reason().contains("time budget"), r.reason());
    }

    @Test
    void exceptionInACheckIsAFailure() {
        Claim<Value> throwing = new Below(20, 0, Budget.hard()) {
            @Override
            public Outcome check(Value v) {
                throw new IllegalStateException("boom");
            }
        };
        ClaimResult r = runner(1).run(throwing);
        assertEquals("FALSIFIED", r.verdict());
        assertTrue(r.reason().contains("boom"), r.reason());
    }

    @Test
    void passRateClaimHoldsDespiteSomeFailedExperimentsAndSaysHowMany() {
        // x ≤ 9 fails with probability 0.1; the claim asserts a pass rate of at least 0.8.
        ClaimResult r = runner(5).run(new Below(9, 0, Budget.experiments(100, 30), Acceptance.passRate(0.8, 0.01)));
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertEquals(100, r.tries(), "a pass-rate claim runs every experiment");
        assertTrue(r.passRateTest().failed() > 0 && r.passRateTest().failed() < 20, r.reason());
        assertTrue(r.reason().startsWith(r.passRateTest().failed() + " of 100 experiments failed"), r.reason());
        assertTrue(r.worstRatio() > 1, "the worst (failing) experiment is shown, not hidden");
        assertFalse(Files.exists(root.resolve("counterexamples")), "one failing experiment is not stored as a counterexample");
    }

    @Test
    void passRateClaimIsFalsifiedWhenFailuresAreTooManyForTheClaimedRate() {
        // x ≤ 5 fails with probability 0.5 against a claimed pass rate of 0.9.
        ClaimResult r = runner(5).run(new Below(5, 0, Budget.experiments(100, 30), Acceptance.passRate(0.9, 0.01)));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.passRateTest().rejected());
        assertTrue(r.reason().contains("the claimed pass rate 0.9 is rejected"), r.reason());
        assertTrue(r.tries() < 100, "stops once the remaining experiments cannot change the verdict: " + r.tries());
        assertTrue(r.counterexample().get("instance").get("x").asDouble() > 5, r.counterexample().toString());
        assertFalse(Files.exists(root.resolve("counterexamples")));
    }

    @Test
    void experimentSeriesArePooledOverEveryCheckedExperiment() {
        Claim<Value> plotting = new Below(9, 0, Budget.experiments(30, 30), Acceptance.passRate(0.8, 0.01)) {
            @Override
            public Outcome check(Value v) {
                return ((Outcome.Checked) super.check(v)).withSeries(
                        Series.measured("x", "x", "i", "x", new double[] {1}, new double[] {v.x()}).withRole(Series.EXPERIMENTS));
            }
        };
        ClaimResult r = runner(2).run(plotting);
        Series pooled = r.series().stream().filter(s -> Series.EXPERIMENTS.equals(s.role())).findFirst().orElseThrow();
        assertEquals(30, pooled.y().length, "one point per checked experiment");
        assertEquals(1, r.series().size());
    }

    @Test
    void tooFewExperimentsToFalsifyAPassRateAreInconclusiveNeverAPass() {
        // --tries 3 on a median claim: 3 of 3 failing has probability 1/8 > 0.01, so nothing could falsify it.
        ClaimRunner few = new ClaimRunner(RunConfig.at(root, 1, "default", 3, null, "test"));
        ClaimResult r = few.run(new Below(20, 0, Budget.experiments(11, 30), Acceptance.median()));
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertTrue(r.reason().contains("even all of them failing could not falsify"), r.reason());
    }

    @Test
    void everyInstanceClaimHasNoPassRateTest() {
        ClaimResult r = runner(1).run(new Below(20, 0, Budget.hard()));
        assertNull(r.passRateTest());
    }

    @Test
    void aPassRateThatTheDefaultBudgetCouldNeverRejectIsRefused() {
        // Three experiments at pass rate 1/2: all failing has probability 1/8 > 0.01.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Below(9, 0, Budget.experiments(3, 30), Acceptance.median()).spec());
        assertTrue(e.getMessage().contains("could never be falsified") && e.getMessage().contains("at least 7"), e.getMessage());
    }

    /** Wraps a claim and sleeps 5 ms per check. */
    public record SlowBelow(Claim<Value> inner) implements Claim<Value> {
        @Override
        public ClaimSpec spec() {
            return inner.spec();
        }

        @Override
        public Gen<Value> instances() {
            return inner.instances();
        }

        @Override
        public Outcome check(Value v) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.check(v);
        }
    }
}
