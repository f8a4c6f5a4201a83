package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.pruneproof.verification.api.Outcome;

/**
 * A budget's attempt limits fix how many instances an always-undecided experiment draws, whatever the time allows: in
 * the default budget and in the main job's, on one worker and on several.
 */
class BudgetAttemptLimitsTest {

    @TempDir
    Path root;

    /** Counts its checks and discards every instance, as an experiment that cannot decide does. */
    static final class Undecided implements Claim<Integer> {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("test.undecided").title("never decides").statement("-")
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test")).expected(Expectation.OPEN)
                    .budget(Budget.experiments(1, 600).withScaleLimit(2, Duration.ofSeconds(600)).withAttemptLimits(3, 7)).build();
        }

        @Override
        public Gen<Integer> instances() {
            return (r, size) -> r.nextInt(100);
        }

        @Override
        public Outcome check(Integer x) {
            checks.incrementAndGet();
            return Outcome.discard("undecided");
        }
    }

    private int checks(String budget, int jobs) {
        Undecided claim = new Undecided();
        CatalogueRun run = new CatalogueRun(RunConfig.at(root.resolve(budget + jobs), 1, budget, null, null, "test"), "test");
        ClaimResult r = run.checkAll(java.util.List.of(claim), jobs).get(0);
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        return ((Number) r.statistics().get("generated")).intValue();
    }

    @Test
    void theDefaultBudgetDrawsExactlyItsAttemptLimit() {
        assertEquals(3, checks("default", 1));
        assertEquals(3, checks("default", 2));
    }

    @Test
    void theMainJobDrawsItsOwnLimit() {
        assertEquals(7, checks("full", 1));
        assertEquals(7, checks("full", 3));
    }

    @Test
    void aLimitBelowTheTriesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Budget.experiments(4, 30).withAttemptLimits(3, 5));
        assertThrows(IllegalArgumentException.class, () -> Budget.experiments(1, 30).withAttemptLimits(5, 3));
    }
}
