package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
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

        Below(double limit, double discardBelow, Budget budget) {
            this.limit = limit;
            this.discardBelow = discardBelow;
            this.budget = budget;
        }

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("test.below").title("x below a limit").statement("x \\le c")
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test")).expected(Expectation.HOLDS)
                    .budget(budget).build();
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
