package org.pruneproof.verification.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.pruneproof.reports.html.HtmlReport;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;
import org.pruneproof.verification.api.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over claims: checks them in turn (logging progress), collects their results, and writes
 * {@code results.json} and {@code index.html} atomically into the run's output directory.
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
        this.config = config;
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
        this.runner = new ClaimRunner(config);
    }

    /** The configuration of this run. */
    public RunConfig config() {
        return config;
    }

    /** Checks one claim, logs its verdict and keeps its result. */
    public ClaimResult check(Claim<?> claim, int index, int total) {
        LOG.info("[{}/{}] {} ...", index, total, claim.spec().id());
        ClaimResult r = runner.run(claim);
        results.add(r);
        LOG.info("[{}/{}] {}: {} (expected {}), {} tries, {} discarded, worst ratio {}, {} s{}", index, total,
                r.id(), r.verdict(), r.expected(), r.tries(), r.discarded(),
                r.worstRatio() == null ? "–" : String.format(Locale.ROOT, "%.4g", r.worstRatio()),
                String.format(Locale.ROOT, "%.1f", r.durationMs() / 1000.0),
                r.agrees() ? "" : "  <-- CONTRADICTS THE EXPECTATION");
        return r;
    }

    /** Checks every claim of the catalogue. */
    public List<ClaimResult> checkAll(Catalogue catalogue) {
        List<Claim<?>> claims = catalogue.claims();
        for (int i = 0; i < claims.size(); i++) {
            check(claims.get(i), i + 1, claims.size());
        }
        return results();
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
