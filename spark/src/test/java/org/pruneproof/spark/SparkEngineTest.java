package org.pruneproof.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ResultsComparison;
import org.pruneproof.reports.results.RunResults;
import org.pruneproof.reports.results.RunInfo;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.CounterexampleStore;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.engine.RunConfig;
import picocli.CommandLine;

/**
 * On Spark {@code local[2]} (loopback only, no UI), a catalogue subset and a small sweep give what the local engine
 * gives: the same claim results field by field (timings aside) and the same sweep table, byte for byte.
 */
class SparkEngineTest {

    static final List<String> CLAIMS = List.of("crosscheck.kernel-rescaling", "hayou2021.mbp-scale-invariance",
            "wolfe2021.greedy-distance-bound.step-1", "wolfe2021.monotone-in-pretraining", "ye2020.first-step", "ye2020.monotone-loss");

    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(SparkTasks.conf("local[2]", "pruneproof test").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void catalogueClaimsOnSparkGiveTheLocalEnginesResults() throws IOException {
        Catalogue catalogue = Catalogue.discover();
        List<Claim<?>> claims = CLAIMS.stream().<Claim<?>>map(id -> catalogue.find(id).orElseThrow()).toList();
        RunConfig localConfig = config("local");
        CatalogueRun local = new CatalogueRun(localConfig, Engines.describe());
        for (int i = 0; i < claims.size(); i++) {
            local.check(claims.get(i), i + 1, claims.size());
        }
        RunConfig sparkConfig = config("spark");
        CatalogueRun onSpark = new CatalogueRun(sparkConfig, Engines.describe());
        SparkTasks.claims(sc, ClaimTask.of(sparkConfig), CLAIMS).forEach(onSpark::record);

        RunInfo run = new RunInfo(null, null, null, null, null, 0, 0, null, 0, null, null, null, 0, null);
        List<String> diffs = ResultsComparison.differences(new RunResults(run, local.results()), new RunResults(run, onSpark.results()));
        assertEquals(List.of(), diffs);
        assertEquals(CLAIMS.size(), onSpark.results().size());
    }

    @Test
    void aSweepOnSparkWritesTheLocalEnginesTable() throws IOException {
        Path localOut = dir.resolve("local-sweep");
        Path sparkOut = dir.resolve("spark-sweep");
        SweepJob local = job(localOut);
        local.runLocally(SweepCommand::configure);
        SparkTasks.sweep(sc, job(sparkOut));
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.csv")), Files.readAllBytes(sparkOut.resolve("sweep.csv")));
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.json")), Files.readAllBytes(sparkOut.resolve("sweep.json")));
    }

    @Test
    void aCounterexampleFoundOnAnExecutorIsStoredInTheDriversStore() throws IOException {
        // The executor's root has an empty store of its own (as on a cluster without a shared file system).
        Path executor = dir.resolve("executor");
        Files.createDirectories(executor.resolve("counterexamples"));
        ClaimTask task = ClaimTask.of(RunConfig.at(executor, RunConfig.DEFAULT_SEED, "default", 12, null, "test"));
        Path driverStore = dir.resolve("driver").resolve("counterexamples");
        CounterexampleStore store = new CounterexampleStore(driverStore);
        Catalogue catalogue = Catalogue.discover();
        for (ClaimResult r : SparkTasks.claims(sc, task, List.of("ye2020.monotone-loss", "ye2020.first-step"))) {
            SparkTasks.storeOnDriver(store, catalogue.find(r.id()).orElseThrow(), r);
        }
        List<Path> found = files(executor.resolve("counterexamples").resolve("ye2020.monotone-loss"));
        assertEquals(1, found.size(), "the executor found and stored one counterexample of the falsified claim");
        List<Path> merged = files(driverStore.resolve("ye2020.monotone-loss"));
        assertEquals(List.of(found.get(0).getFileName()), merged.stream().map(Path::getFileName).toList());
        assertEquals(Files.readString(found.get(0)), Files.readString(merged.get(0)), "the same entry, byte for byte");
        assertEquals(List.of(), files(driverStore.resolve("ye2020.first-step")), "a claim that holds stores nothing");
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static SweepJob job(Path out) {
        SweepCommand sweep = new SweepCommand();
        new CommandLine(sweep).parseArgs("--models", "cifar-resnet32", "--methods", "magnitude,snip", "--sparsities", "0.5,0.9",
                "--width-multiplier", "0.125", "--input-size", "8", "--batch", "2", "--out", out.toString());
        return new SweepJob(out, sweep.cells(), sweep.plan());
    }

    private RunConfig config(String name) throws IOException {
        Path root = dir.resolve(name);
        Path store = Path.of(System.getProperty("pruneproof.root", "..")).resolve("counterexamples");
        Files.createDirectories(root.resolve("counterexamples"));
        if (Files.isDirectory(store)) {
            try (Stream<Path> files = Files.walk(store)) {
                files.forEach(f -> {
                    try {
                        Path t = root.resolve("counterexamples").resolve(store.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(f, t);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return RunConfig.at(root, RunConfig.DEFAULT_SEED, "default", 12, null, "test");
    }
}
