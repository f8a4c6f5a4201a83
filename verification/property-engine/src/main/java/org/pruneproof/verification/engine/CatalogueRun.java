package org.pruneproof.verification.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.pruneproof.reports.html.HtmlReport;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;
import org.pruneproof.verification.api.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over claims: checks them one at a time ({@link #check}) or on several workers ({@link #start},
 * {@link #checkAll}: the same results), logs each verdict, collects the results, and writes {@code results.json} and
 * {@code index.html} atomically into the run's output directory.
 */
public final class CatalogueRun {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueRun.class);

    private final RunConfig config;
    private final String backend;
    private final ClaimRunner runner;
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<ClaimResult> results = Collections.synchronizedList(new ArrayList<>());

    /**
     * A run with this configuration.
     *
     * @param backend the numerical engines the claims run on, in words, for the report (the engine itself knows none)
     */
    public CatalogueRun(RunConfig config, String backend) {
        this(config, backend, ReplayCommands.PRUNEPROOF);
    }

    /**
     * A run whose results spell their replay commands with {@code commands}.
     *
     * @param backend the numerical engines the claims run on, in words, for the report (the engine itself knows none)
     */
    public CatalogueRun(RunConfig config, String backend, ReplayCommands commands) {
        this.config = config;
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
        this.runner = new ClaimRunner(config, commands);
    }

    /** The configuration of this run. */
    public RunConfig config() {
        return config;
    }

    /** Checks one claim on this thread, logs its verdict and keeps its result. */
    public ClaimResult check(Claim<?> claim, int index, int total) {
        LOG.info("[{}/{}] {} ...", index, total, claim.spec().id());
        ClaimResult r = runner.run(claim);
        results.add(r);
        log("[" + index + "/" + total + "]", r);
        return r;
    }

    /** Keeps a result computed elsewhere (by another engine: Spark's executors), to be written with the others. */
    public void record(ClaimResult r) {
        results.add(java.util.Objects.requireNonNull(r, "result"));
    }

    /** Checks every claim of the catalogue on {@code jobs} workers and returns the results, sorted by id. */
    public List<ClaimResult> checkAll(Catalogue catalogue, int jobs) {
        return checkAll(catalogue.claims(), jobs);
    }

    /** Checks {@code claims} on {@code jobs} workers and returns the results, sorted by id. */
    public List<ClaimResult> checkAll(List<Claim<?>> claims, int jobs) {
        try (Started started = start(claims, jobs)) {
            for (CompletableFuture<ClaimResult> f : started.results()) {
                await(f);
            }
        }
        return results();
    }

    /**
     * Starts checking {@code claims} on {@code jobs} workers ({@link ParallelRun}), longest first (the rule of longest
     * processing time first, which keeps workers from idling at the end behind one long claim): a claim's expected
     * duration is what it took in the previous run's {@code results.json} in this run's output folder, when that file
     * is there and names it, else its time budget. The order decides only which claim a free worker takes next, never a
     * result (see {@link ParallelRun}). Each result is logged and kept when it is done.
     *
     * @return the results to come, in the order of {@code claims}; close it when they are all done
     */
    public Started start(List<Claim<?>> claims, int jobs) {
        ParallelRun parallel = new ParallelRun(runner, jobs);
        Map<String, Long> previous = PreviousDurations.read(config.outputDir().resolve("results.json"));
        LOG.info("checking {} claims on {} workers{}", claims.size(), parallel.jobs(),
                previous.isEmpty() ? "" : " (longest first, by the durations of the previous run)");
        long[] expected = new long[claims.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            order.add(i);
            Claim<?> c = claims.get(i);
            expected[i] = previous.getOrDefault(c.spec().id(), config.effective(c.spec().budget()).time().toMillis());
        }
        order.sort(Comparator.comparing((Integer i) -> expected[i]).reversed().thenComparing(i -> i));
        long[] rank = new long[claims.size()];
        for (int r = 0; r < order.size(); r++) {
            rank[order.get(r)] = r;
        }
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<ClaimResult>> futures = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            futures.add(parallel.submit(claims.get(i), rank[i]).whenComplete((r, e) -> {
                if (r != null) {
                    results.add(r);
                    log("[" + done.incrementAndGet() + "/" + claims.size() + " done]", r);
                }
            }));
        }
        return new Started(List.copyOf(futures), parallel);
    }

    /** Claims being checked: their results to come, in the order they were given. */
    public record Started(List<CompletableFuture<ClaimResult>> results, ParallelRun run) implements AutoCloseable {
        /** Stops the workers (call when every result is done). */
        @Override
        public void close() {
            run.close();
        }
    }

    /** The result of a started claim; what a phase threw is rethrown as it was. */
    public static ClaimResult await(CompletableFuture<ClaimResult> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static void log(String progress, ClaimResult r) {
        LOG.info("{} {}: {} (expected {}), {} tries, {} discarded, worst ratio {}, {} s{}", progress,
                r.id(), r.verdict(), r.expected(), r.tries(), r.discarded(),
                r.worstRatio() == null ? "–" : String.format(Locale.ROOT, "%.4g", r.worstRatio()),
                String.format(Locale.ROOT, "%.1f", r.durationMs() / 1000.0),
                r.agrees() ? "" : "  <-- CONTRADICTS THE EXPECTATION");
    }

    /** The results so far, sorted by id. */
    public List<ClaimResult> results() {
        synchronized (results) {
            List<ClaimResult> copy = new ArrayList<>(results);
            copy.sort(java.util.Comparator.comparing(ClaimResult::id));
            return copy;
        }
    }

    /** Writes results.json and index.html; returns the results file. */
    public Path write() {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        RunResults run = new RunResults(Environment.describe(config, start, durationMs, backend), results());
        Path dir = config.outputDir();
        Path file = dir.resolve("results.json");
        ResultsFiles.write(run, file);
        Path html = HtmlReport.write(run, dir);
        LOG.info("results: {}", file);
        LOG.info("report:  {}", html);
        return file;
    }
}
