package org.pruneproof.verification.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;

/**
 * Checks claims on {@code jobs} workers, with the same results as {@link ClaimRunner#run} on one thread.
 *
 * <p>Every claim runs the phases of {@link ClaimCheck}. Its random phase is split into units, one per instance k
 * (generate from the instance's own seed, check): up to {@code jobs} of a claim's instances are evaluated ahead at
 * once, on any worker, and the claim's search takes their evaluations strictly in the order of k, with the same
 * stopping rules as a sequential run; evaluations past the point where the search stopped are dropped. So the
 * experiments of a claim judged over experiments run in parallel, and several claims run at once, while tries,
 * verdicts, counterexamples and series stay what one thread gives. Shrinking, the targeted search and the verdict run
 * as one last unit of the claim.
 *
 * <p>A claim whose checks keep several cores busy ({@link Claim#threads()}, ND4J's thread pool) holds
 * {@link #slotsFor} of the {@code jobs} slots for each of its units, so that threads per unit × units ≤ cores.
 */
public final class ParallelRun implements AutoCloseable {

    /** How far past the next instance to take a claim may evaluate, per job (bounds the evaluations kept waiting). */
    static final int MAX_AHEAD_PER_JOB = 8;

    private final ClaimRunner runner;
    private final Workers workers;
    private final int cores;

    /** A run of {@code jobs} workers on this machine's cores. */
    public ParallelRun(ClaimRunner runner, int jobs) {
        this(runner, jobs, Runtime.getRuntime().availableProcessors());
    }

    ParallelRun(ClaimRunner runner, int jobs, int cores) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be ≥ 1, got " + jobs);
        }
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
        this.workers = new Workers(jobs);
        this.cores = Math.max(1, cores);
    }

    /** The default number of jobs: the cores of this machine. */
    public static int defaultJobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** How many workers this run has. */
    public int jobs() {
        return workers.size();
    }

    /**
     * The slots one unit of a claim whose checks use {@code threads} threads holds among {@code jobs} slots on
     * {@code cores} cores: ⌈threads · jobs / cores⌉, between 1 and jobs (each slot stands for cores/jobs cores).
     */
    static int slotsFor(int threads, int jobs, int cores) {
        long slots = ((long) Math.max(1, threads) * jobs + cores - 1) / cores;
        return (int) Math.max(1, Math.min(jobs, slots));
    }

    /**
     * Starts checking a claim; units of claims with a smaller {@code rank} are taken first.
     *
     * @return its result when done (completed exceptionally when a phase threw)
     */
    public <I> CompletableFuture<ClaimResult> submit(Claim<I> claim, long rank) {
        Search<I> s = new Search<>(runner.newCheck(claim), rank, slotsFor(claim.threads(), workers.size(), cores));
        s.start();
        return s.result;
    }

    /** Stops the workers (after their current units). */
    @Override
    public void close() {
        workers.close();
    }

    /** One claim's search over the workers; all its state is guarded by this object's lock. */
    private final class Search<I> {
        private final ClaimCheck<I> check;
        private final long rank;
        private final int slots;
        private final CompletableFuture<ClaimResult> result = new CompletableFuture<>();
        private final Map<Integer, Evaluation<I>> arrived = new HashMap<>();
        private int submitted;
        private int pending;
        private boolean searchOver;
        private boolean finishing;

        Search(ClaimCheck<I> check, long rank, int slots) {
            this.check = check;
            this.rank = rank;
            this.slots = slots;
        }

        void start() {
            workers.submit(rank, -1, slots, guarded(() -> {
                check.replayStored();
                synchronized (this) {
                    advance();
                }
            }));
        }

        /** Takes every arrived evaluation that is next in order, then evaluates ahead or finishes. */
        private void advance() {
            while (!searchOver) {
                if (check.searchDone()) {
                    searchOver = true;
                    break;
                }
                Evaluation<I> next = arrived.remove(check.generated());
                if (next == null) {
                    break;
                }
                check.accept(next);
            }
            if (searchOver) {
                arrived.clear();
                if (!finishing) {
                    finishing = true;
                    workers.submit(rank, Integer.MAX_VALUE, slots, guarded(() -> result.complete(check.finish())));
                }
                return;
            }
            int ahead = submitted - check.generated();
            while (pending < workers.size() && ahead < MAX_AHEAD_PER_JOB * workers.size() && check.mayTakeMore(ahead)) {
                int k = submitted++;
                ahead++;
                pending++;
                workers.submit(rank, k, slots, guarded(() -> {
                    Evaluation<I> e = check.evaluate(k);
                    synchronized (this) {
                        pending--;
                        if (!searchOver) {
                            arrived.put(k, e);
                            advance();
                        }
                    }
                }));
            }
        }

        private Runnable guarded(Runnable work) {
            return () -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            };
        }
    }
}
