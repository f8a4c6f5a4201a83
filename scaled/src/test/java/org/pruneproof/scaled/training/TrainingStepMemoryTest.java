package org.pruneproof.scaled.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.scaled.NativeMemory;

/**
 * The memory of the training step and of the SNIP scoring pass is flat: after warm-up, N more steps and 2N more leave
 * the resident set within N·A/2 of each other (A the network's largest activation), and so do the bytes of the ND4J
 * buffers not yet freed, counted after a collection, so a leak of one activation per step fails; for whole SNIP passes
 * (each builds its graph anew, which moves the resident set by other native memory) the buffer bytes are judged. Measured
 * in a child JVM ({@link StepMemoryProbe}) with a fixed, pre-touched heap (its pages are resident from the start), one
 * malloc arena and one thread, and {@link NativeMemory}'s threshold at 0 (a collection after every pass), so that the
 * resident set moves only with native memory that the step really keeps. The same process then plants a leak of one
 * activation per training step, which the buffer bytes must show (the test can fail).
 */
class TrainingStepMemoryTest {

    private static final int BATCH = 8;
    private static final int WARM = 6;
    private static final int N = 4;
    private static final int SNIP_WARM = 1;
    private static final int SNIP_N = 1;

    @TempDir
    static Path dir;

    private static Map<String, long[]> measured;

    /** One child JVM for both tests (its start and ND4J's loading are most of the time). */
    @BeforeAll
    static void runProbe() throws IOException, InterruptedException {
        measured = probe();
    }

    private static Map<String, long[]> probe() throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access")) {
                c.add(a);
            }
        }
        c.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.nd4j=error",
                "-D" + NativeMemory.THRESHOLD_PROPERTY + "=0", "-cp", System.getProperty("java.class.path"),
                StepMemoryProbe.class.getName(), Integer.toString(BATCH), Integer.toString(WARM), Integer.toString(N),
                Integer.toString(SNIP_WARM), Integer.toString(SNIP_N)));
        Path log = dir.resolve("probe.log");
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the memory probe did not finish in 300 s; its log:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), "the memory probe failed; its log:\n" + out);
        Map<String, long[]> r = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length >= 2 && List.of("train", "snip", "leak", "activation").contains(f[0])) {
                long[] v = new long[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Long.parseLong(f[i]);
                }
                r.put(f[0], v);
            }
        }
        assertTrue(r.keySet().containsAll(List.of("train", "snip", "leak", "activation")),
                "the memory probe printed no measurements; its log:\n" + out);
        return r;
    }

    private static String describe(long[] r, int n) {
        return String.format("resident %d MiB after warm-up, +%d KiB after %d more, +%d KiB after %d more; live ND4J buffers %d,"
                + " %d, %d KiB", r[0] >> 20, (r[1] - r[0]) >> 10, n, (r[2] - r[1]) >> 10, n, r[3] >> 10, r[4] >> 10, r[5] >> 10);
    }

    @Test
    void theTrainingStepAndTheSnipPassKeepNoMemory() {
        long a = measured.get("activation")[0];
        long[] train = measured.get("train");
        long[] snip = measured.get("snip");
        assertTrue(train[2] - train[1] < N * a / 2, "the training step's memory grows: " + describe(train, N)
                + "; margin N·A/2 = " + (N * a / 2 >> 10) + " KiB");
        assertTrue(train[5] - train[4] < N * a / 2, "the training step keeps arrays: " + describe(train, N));
        // a whole SNIP pass builds a new graph: its resident set also moves with native memory that is not ND4J arrays
        // (about 0.5 MiB a pass here), so only the arrays are judged for it
        assertTrue(snip[5] - snip[4] < SNIP_N * a / 2, "the SNIP pass keeps arrays: " + describe(snip, SNIP_N));
    }

    @Test
    void aPlantedLeakOfOneActivationPerStepIsSeen() {
        long a = measured.get("activation")[0];
        long[] leak = measured.get("leak");
        assertTrue(leak[5] - leak[4] >= N * a / 2, "a leak of one activation per step was not seen: " + describe(leak, N));
    }
}
