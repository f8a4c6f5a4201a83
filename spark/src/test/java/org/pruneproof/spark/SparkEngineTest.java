package org.pruneproof.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsComparison;
import org.pruneproof.reports.results.RunInfo;
import org.pruneproof.reports.results.RunResults;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.RunConfig;
import picocli.CommandLine;

/**
 * On Spark {@code local[2]} (loopback only, no UI), a catalogue subset and a small sweep give what the local engine
 * gives: the same claim results field by field (timings aside), the same counterexample store and tightest-instance
 * files, and the same sweep table, byte for byte.
 */
class SparkEngineTest {

    static final List<String> CLAIMS = List.of("crosscheck.kernel-rescaling", "hayou2021.mbp-scale-invariance",
            "wolfe2021.greedy-distance-bound.step-1", "wolfe2021.monotone-in-pretraining", "ye2020.first-step", "ye2020.monotone-loss");

    /** The sweep of these tests: a quarter-width CIFAR-ResNet32 on 8×8 inputs (the options of {@code ./pruneproof sweep}). */
    static final List<String> SWEEP = List.of("--models", "cifar-resnet32", "--methods", "magnitude,snip", "--sparsities", "0.5,0.9",
            "--width-multiplier", "0.125", "--input-size", "8", "--batch", "2");

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
        RunConfig localConfig = config(root(dir, "local", true));
        List<ClaimResult> local = checkLocally(localConfig, CLAIMS);
        RunConfig sparkConfig = config(root(dir, "spark", true));
        List<ClaimResult> onSpark = SparkTasks.claims(sc, sparkConfig, CLAIMS);

        assertEquals(List.of(), differences(local, onSpark));
        assertEquals(CLAIMS.size(), onSpark.size());
        assertEquals(files(localConfig.storeDir()), files(sparkConfig.storeDir()), "the same counterexample store");
        assertEquals(files(localConfig.tightDir()), files(sparkConfig.tightDir()), "the same tightest-instance files");
    }

    @Test
    void aSweepOnSparkWritesTheLocalEnginesTable() throws IOException {
        Path localOut = dir.resolve("local-sweep");
        Path sparkOut = dir.resolve("spark-sweep");
        job(localOut, SWEEP).runLocally(SweepCommand::configure);
        SparkTasks.sweep(sc, job(sparkOut, SWEEP));
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.csv")), Files.readAllBytes(sparkOut.resolve("sweep.csv")));
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.json")), Files.readAllBytes(sparkOut.resolve("sweep.json")));
    }

    @Test
    void aCounterexampleFoundOnAnExecutorIsStoredInTheDriversStore() throws IOException {
        List<String> ids = List.of("ye2020.monotone-loss", "ye2020.first-step");
        RunConfig localConfig = config(root(dir, "local", false));
        checkLocally(localConfig, ids);
        RunConfig driver = config(root(dir, "driver", false));
        SparkTasks.claims(sc, driver, ids);
        Map<String, String> stored = files(localConfig.storeDir());
        assertEquals(1, stored.size(), "the local engine found and stored one counterexample of the falsified claim: " + stored.keySet());
        assertEquals(stored, files(driver.storeDir()), "the driver's store has the same entry, byte for byte");
    }

    @Test
    void aMasterUrlSparkCannotParseIsAOneLineErrorBeforeSparkStarts() {
        SparkTasks.MasterUnusable e = org.junit.jupiter.api.Assertions.assertThrows(SparkTasks.MasterUnusable.class,
                () -> SparkTasks.start(SparkTasks.conf("spark:/127.0.0.1:7077", "pruneproof test")));
        assertEquals("--master spark:/127.0.0.1:7077: expected local[*], local[N] or spark://HOST:PORT (or run under spark-submit"
                + " --master URL)", e.getMessage());
    }

    /** The results of the local engine, one claim after another. */
    static List<ClaimResult> checkLocally(RunConfig config, List<String> ids) {
        Catalogue catalogue = Catalogue.discover();
        List<Claim<?>> claims = ids.stream().<Claim<?>>map(id -> catalogue.find(id).orElseThrow()).toList();
        CatalogueRun local = new CatalogueRun(config, Engines.describe());
        for (int i = 0; i < claims.size(); i++) {
            local.check(claims.get(i), i + 1, claims.size());
        }
        return local.results();
    }

    /** Where two lists of claim results differ (timings aside), as {@code ./pruneproof compare} sees it; sorted by id. */
    static List<String> differences(List<ClaimResult> a, List<ClaimResult> b) {
        RunInfo run = new RunInfo(null, null, null, null, null, 0, 0, null, 0, null, null, null, 0, null);
        java.util.Comparator<ClaimResult> byId = java.util.Comparator.comparing(ClaimResult::id);
        return ResultsComparison.differences(new RunResults(run, a.stream().sorted(byId).toList()),
                new RunResults(run, b.stream().sorted(byId).toList()));
    }

    /** Every file under {@code folder} (relative path → content); empty when there is no such folder. */
    static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    /** The sweep with {@code options} writing to {@code out}. */
    static SweepJob job(Path out, List<String> options) {
        SweepCommand sweep = new SweepCommand();
        List<String> args = new java.util.ArrayList<>(options);
        args.addAll(List.of("--out", out.toString()));
        new CommandLine(sweep).parseArgs(args.toArray(String[]::new));
        return new SweepJob(out, sweep.cells(), sweep.plan());
    }

    /** The run configuration of these tests at {@code root}: default budget, 12 tries, the default seed. */
    static RunConfig config(Path root) {
        return RunConfig.at(root, RunConfig.DEFAULT_SEED, "default", 12, null, "test");
    }

    /** A fresh repository root {@code dir/name}, with a copy of the repository's counterexample store when {@code withStore}. */
    static Path root(Path dir, String name, boolean withStore) throws IOException {
        Path root = dir.resolve(name);
        Path store = Path.of(System.getProperty("pruneproof.root", "..")).resolve("counterexamples");
        Files.createDirectories(root.resolve("counterexamples"));
        if (withStore && Files.isDirectory(store)) {
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
        return root;
    }
}
