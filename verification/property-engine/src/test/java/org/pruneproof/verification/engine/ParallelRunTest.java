package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.engine.ClaimRunnerTest.Below;
import org.pruneproof.verification.engine.ClaimRunnerTest.Value;

/**
 * A claim checked on several workers gives the result one thread gives (timings aside): same tries, verdict,
 * counterexample, series and statistics, however the evaluations were scheduled; and a claim whose checks use
 * several threads holds as many slots.
 */
class ParallelRunTest {

    @TempDir
    Path dir;

    /** Sleeps a pseudo-random time that depends on the instance, so evaluations finish out of order. */
    record Jittered(Claim<Value> inner, int threads, AtomicInteger running, AtomicInteger mostRunning) implements Claim<Value> {
        Jittered(Claim<Value> inner) {
            this(inner, 1, new AtomicInteger(), new AtomicInteger());
        }

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
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep((long) (v.x() * 7919) % 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return inner.check(v);
        }

        @Override
        public Shrinker<Value> shrinker() {
            return inner.shrinker();
        }

        @Override
        public int threads() {
            return threads;
        }
    }

    private ObjectNode sequential(Claim<Value> claim) throws Exception {
        Path root = Files.createTempDirectory(dir, "sequential");
        return comparable(new ClaimRunner(RunConfig.at(root, 7, "default", null, null, "test")).run(claim));
    }

    private ObjectNode parallel(Claim<Value> claim, int jobs, int cores) throws Exception {
        Path root = Files.createTempDirectory(dir, "parallel");
        try (ParallelRun run = new ParallelRun(new ClaimRunner(RunConfig.at(root, 7, "default", null, null, "test")), jobs, cores)) {
            return comparable(CatalogueRun.await(run.submit(claim, 0)));
        }
    }

    private static ObjectNode comparable(ClaimResult r) {
        ObjectNode node = ResultsFiles.mapper().valueToTree(r);
        node.remove("durationMs");
        return node;
    }

    private void assertSameInParallel(Claim<Value> claim) throws Exception {
        ObjectNode one = sequential(new Jittered(claim));
        for (int jobs : new int[] {1, 2, 5}) {
            assertEquals(one, parallel(new Jittered(claim), jobs, 8), "jobs = " + jobs);
        }
    }

    @Test
    void aClaimThatHoldsGivesTheSameResultOnManyWorkers() throws Exception {
        assertSameInParallel(new Below(20, 0, new Budget(200, 50, Duration.ofSeconds(60), 0.5)));
    }

    @Test
    void aCounterexampleIsFoundAtTheSameInstanceAndShrunkTheSameWay() throws Exception {
        assertSameInParallel(new Below(8, 0, Budget.hard()));
    }

    @Test
    void discardsCountTheSame() throws Exception {
        assertSameInParallel(new Below(20, 6, new Budget(100, 50, Duration.ofSeconds(60), 0.5)));
    }

    @Test
    void experimentsJudgedByAPassRateGiveTheSameTestAndTheSameEarlyStop() throws Exception {
        assertSameInParallel(new Below(9, 0, Budget.experiments(60, 60), Acceptance.passRate(0.8, 0.01)));
        assertSameInParallel(new Below(5, 0, Budget.experiments(100, 60), Acceptance.passRate(0.9, 0.01)));
    }

    @Test
    void aCheckThatUsesEveryCoreRunsAlone() throws Exception {
        Jittered wide = new Jittered(new Below(20, 0, new Budget(60, 50, Duration.ofSeconds(60), 0.5)), 4,
                new AtomicInteger(), new AtomicInteger());
        Path root = Files.createTempDirectory(dir, "wide");
        try (ParallelRun run = new ParallelRun(new ClaimRunner(RunConfig.at(root, 7, "default", null, null, "test")), 4, 4)) {
            assertEquals("HOLDS", CatalogueRun.await(run.submit(wide, 0)).verdict());
        }
        assertEquals(1, wide.mostRunning().get(), "4 threads per check on 4 cores: one check at a time");
    }

    @Test
    void slotsKeepThreadsTimesUnitsWithinTheCores() {
        assertEquals(1, ParallelRun.slotsFor(1, 2, 2));
        assertEquals(2, ParallelRun.slotsFor(2, 2, 2), "ND4J on both cores of a 2-core machine runs alone");
        assertEquals(1, ParallelRun.slotsFor(4, 4, 16), "4 threads on 16 cores with 4 jobs: 4 × 4 = 16");
        assertEquals(4, ParallelRun.slotsFor(16, 4, 16));
        assertEquals(3, ParallelRun.slotsFor(64, 3, 2), "never more than jobs");
        assertTrue(ParallelRun.slotsFor(0, 2, 2) >= 1);
    }
}
