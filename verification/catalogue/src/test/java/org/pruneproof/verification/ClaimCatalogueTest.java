package org.pruneproof.verification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.ParallelRun;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.engine.TestVerdict;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * The claim catalogue as JUnit tests: one dynamic test per claim, named by its id, so Surefire
 * reports each claim. A test fails only when the verdict contradicts the claim's expectation; an
 * inconclusive verdict on a holds/falsified claim is reported as aborted (skipped) with its reason.
 * The claims are all started at once on {@code pruneproof.jobs} workers (default: the number of cores; the
 * results do not depend on it), and each test waits for its own claim, in catalogue order.
 * A claim that reproduces a paper's statement must also carry a figure ({@link #requireFigure}).
 * After the last claim, results.json and index.html are written to {@code target/pruneproof} at the
 * repository root.
 *
 * <p>Configured by system properties (set by Maven from {@code -Dpruneproof.*}): {@code pruneproof.root},
 * {@code pruneproof.seed}, {@code pruneproof.budget}, {@code pruneproof.tries}, {@code pruneproof.timeScale}, {@code pruneproof.jobs},
 * and {@code pruneproof.only} (comma-separated ids, to check a subset).
 */
class ClaimCatalogueTest {

    private static CatalogueRun run;
    private static List<Claim<?>> claims;
    private static CatalogueRun.Started started;

    @BeforeAll
    static void start() {
        Path root = Path.of(System.getProperty("pruneproof.root", "..")).toAbsolutePath().normalize();
        RunConfig config = RunConfig.at(root,
                Long.parseLong(prop("pruneproof.seed", Long.toString(RunConfig.DEFAULT_SEED))),
                prop("pruneproof.budget", "default"),
                optional("pruneproof.tries") == null ? null : Integer.valueOf(optional("pruneproof.tries")),
                optional("pruneproof.timeScale") == null ? null : Double.valueOf(optional("pruneproof.timeScale")),
                "mvn verify");
        run = new CatalogueRun(config, Engines.describe());
        List<String> only = optional("pruneproof.only") == null ? List.of() : List.of(optional("pruneproof.only").split(","));
        claims = Catalogue.discover().claims().stream()
                .filter(c -> only.isEmpty() || only.contains(c.spec().id())).toList();
        assertFalse(claims.isEmpty(), "the catalogue is empty: no claim found");
        int jobs = optional("pruneproof.jobs") == null ? ParallelRun.defaultJobs() : Integer.parseInt(optional("pruneproof.jobs"));
        started = run.start(claims, jobs);
    }

    @TestFactory
    @DisplayName("claim")
    Stream<DynamicTest> catalogue() {
        return IntStream.range(0, claims.size()).mapToObj(i -> {
            Claim<?> claim = claims.get(i);
            return DynamicTest.dynamicTest(claim.spec().id(), () -> {
                ClaimResult r = CatalogueRun.await(started.results().get(i));
                TestVerdict v = TestVerdict.of(r);
                if (v.kind() != TestVerdict.Kind.FAILED) {
                    requireFigure(claim, r);
                }
                switch (v.kind()) {
                    case FAILED -> fail(v.message());
                    case ABORTED -> Assumptions.abort(v.message());
                    case PASSED -> { }
                }
            });
        });
    }

    /**
     * A claim that reproduces a paper's statement has a figure in the report, whatever its verdict (an inconclusive
     * experiment's series too). Without the Fashion-MNIST data the real-data claims cannot have one: that is said loudly
     * (the test is reported as skipped), never passed silently.
     */
    private static void requireFigure(Claim<?> claim, ClaimResult r) {
        if (claim.spec().reproduces() == null || !r.series().isEmpty()) {
            return;
        }
        if (FashionMnist.load().images() == null) {
            Assumptions.abort(r.id() + ": no figure, the Fashion-MNIST data are missing (" + FashionMnist.load().problem() + ")");
        }
        fail(r.id() + " reproduces a paper's statement but its result carries no series, so the report's Reproduction section "
                + "shows it without a figure (verdict " + r.verdict() + ": " + r.reason() + ")");
    }

    @AfterAll
    static void writeResults() {
        if (started != null) {
            started.results().forEach(f -> f.exceptionally(e -> null).join());
            started.close();
        }
        if (run != null) {
            run.write();
        }
    }

    private static String prop(String key, String fallback) {
        String v = optional(key);
        return v == null ? fallback : v;
    }

    private static String optional(String key) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
