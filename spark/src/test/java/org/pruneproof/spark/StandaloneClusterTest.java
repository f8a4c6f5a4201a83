package org.pruneproof.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.cli.Main;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.RunConfig;
import picocli.CommandLine;

/**
 * On a real Spark standalone cluster (a Master and a Worker, separate JVMs on 127.0.0.1, {@link LoopbackSparkCluster};
 * executors are JVMs the Worker starts on Spark's jars only), through the entry points users run with
 * {@code --master spark://HOST:PORT}: {@code pruneproof-spark verify --only ...} gives the local engine's claim results,
 * counterexample store and tightest-instance files, and {@code ./pruneproof sweep ... --engine spark} the local engine's
 * table, byte for byte; the executors got the application's jars (ND4J's natives among them) from the driver. A
 * cluster without room for an executor is a one-line error within the set wait.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneClusterTest {

    /** A claim with a stored counterexample, and a falsified one (the sweep runs ND4J on the executors). */
    static final List<String> CLAIMS = List.of("wolfe2021.monotone-in-pretraining", "ye2020.monotone-loss");

    static final List<String> SWEEP = List.of("--models", "cifar-resnet32", "--methods", "magnitude,random", "--sparsities", "0.9",
            "--width-multiplier", "0.125", "--input-size", "8", "--batch", "2");

    /** The driver's settings, as a user passes them ({@code -Dspark.…} in PRUNEPROOF_JAVA_OPTS): loopback, small executors. */
    static final Map<String, String> DRIVER = Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
            "spark.executor.memory", "768m", SparkTasks.EXECUTOR_WAIT, "60");

    @TempDir
    static Path dir;

    private static LoopbackSparkCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        DRIVER.forEach(System::setProperty);
        cluster = LoopbackSparkCluster.start(dir.resolve("cluster"), 2, "2g");
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            DRIVER.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void catalogueClaimsOnTheClusterGiveTheLocalEnginesResults() throws IOException {
        RunConfig local = RunConfig.at(SparkEngineTest.root(dir, "local", true), RunConfig.DEFAULT_SEED, "default", 12, null,
                "pruneproof-spark verify");
        List<ClaimResult> expected = SparkEngineTest.checkLocally(local, CLAIMS);
        RunConfig driver = SparkEngineTest.config(SparkEngineTest.root(dir, "driver", true));

        int status = new CommandLine(new SparkMain()).execute("verify", "--master", cluster.url(), "--only", String.join(",", CLAIMS),
                "--tries", "12", "--root", driver.root().toString());

        assertEquals(expected.stream().allMatch(ClaimResult::agrees) ? 0 : 1, status, "exit status" + cluster.logs());
        List<ClaimResult> onCluster = ResultsFiles.read(driver.outputDir().resolve("results.json")).claims();
        assertEquals(List.of(), SparkEngineTest.differences(expected, onCluster));
        assertEquals(SparkEngineTest.files(local.storeDir()), SparkEngineTest.files(driver.storeDir()), "the same counterexample store");
        assertEquals(SparkEngineTest.files(local.tightDir()), SparkEngineTest.files(driver.tightDir()), "the same tightest-instance files");
        assertExecutorsFetched("nd4j-native-");
    }

    @Test
    void aSweepOnTheClusterWritesTheLocalEnginesTable() throws IOException {
        Path localOut = dir.resolve("local-sweep");
        Path clusterOut = dir.resolve("cluster-sweep");
        SparkEngineTest.job(localOut, SWEEP).runLocally(SweepCommand::configure);

        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(SWEEP);
        args.addAll(List.of("--engine", "spark", "--master", cluster.url(), "--out", clusterOut.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(0, status, "./pruneproof sweep --engine spark: " + err + cluster.logs());
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.csv")), Files.readAllBytes(clusterOut.resolve("sweep.csv")));
        assertArrayEquals(Files.readAllBytes(localOut.resolve("sweep.json")), Files.readAllBytes(clusterOut.resolve("sweep.json")));
    }

    @Test
    void aClusterWithoutRoomForAnExecutorIsAOneLineErrorNotAWaitForever() {
        SparkConf conf = SparkTasks.conf(cluster.url(), "pruneproof test: no room").set("spark.executor.memory", "64g")
                .set(SparkTasks.EXECUTOR_WAIT, "3");
        long t0 = System.nanoTime();
        SparkTasks.MasterUnusable e = assertThrows(SparkTasks.MasterUnusable.class, () -> SparkTasks.start(conf).close());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().startsWith("--master " + cluster.url() + ": no executor registered within 3 s"), e.getMessage());
        assertTrue(e.getMessage().contains("spark.executor.memory=64g"), e.getMessage());
        assertTrue(seconds < 60, "gave up after " + seconds + " s");
    }

    /** Some executor's log says it fetched a jar whose name starts with {@code prefix} from the driver. */
    private static void assertExecutorsFetched(String prefix) throws IOException {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("cluster").resolve("work"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                logs.append(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(logs.toString().matches("(?s).*Fetching spark://127\\.0\\.0\\.1:\\d+/jars/" + java.util.regex.Pattern.quote(prefix) + ".*"),
                "no executor log says it fetched " + prefix + "*.jar from the driver" + cluster.logs());
    }
}
