package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train} killed with SIGKILL ({@link Process#destroyForcibly}) at seeded random moments, then resumed with
 * {@code --resume} until it completes, ends with the same final weights as an uninterrupted run of the same seed and
 * thread count: {@code model.safetensors} is compared by SHA-256. The training runs in a child JVM (this class path,
 * {@code Main}) on a small MNIST-format folder (320 images) with LeNet-300-100, so one run takes seconds. The kill moments: after the
 * checkpoint of a seeded random epoch j (0 = before the first), a seeded random fraction of an epoch later; and one kill
 * the instant the checkpoint's temporary file appears (while the checkpoint is being written).
 */
class KilledTrainingResumesTest {

    private static final Logger LOG = LoggerFactory.getLogger(KilledTrainingResumesTest.class);
    private static final int EPOCHS = 4;
    private static final long TIMEOUT_S = 300;

    @TempDir
    Path dir;

    private Path data;

    private List<String> command(Path out, boolean resume) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--model", "lenet300-100", "--data",
                data.toString(), "--epochs", Integer.toString(EPOCHS), "--batch", "32", "--lr", "0.05", "--seed", "14", "--threads", "1",
                "--out", out.toString()));
        if (resume) {
            c.add("--resume");
        }
        return c;
    }

    private Process start(Path out, boolean resume, String log) throws IOException {
        return new ProcessBuilder(command(out, resume)).redirectErrorStream(true).redirectOutput(dir.resolve(log + ".log").toFile())
                .start();
    }

    private static Path checkpoint(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint.safetensors");
    }

    /** The epoch a checkpoint holds (its {@code pruneproof.epoch} metadata), 0 when there is none yet. */
    private static int checkpointEpoch(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] len = new DataInputStream(in).readNBytes(8);
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonNode h = new ObjectMapper().readTree(in.readNBytes((int) n));
            return h.get("__metadata__").get("pruneproof.epoch").asInt();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static boolean writingCheckpoint(Path out) throws IOException {
        String prefix = "." + checkpoint(out).getFileName() + ".";
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    /** Resumes until a run exits 0; returns the final weights' digest. */
    private String resumeToTheEnd(Path out, String name) throws Exception {
        Process p = start(out, true, name + "-resumed");
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the resumed run ends");
        assertEquals(0, p.exitValue(), log(name + "-resumed"));
        assertTrue(Files.isRegularFile(out.resolve("pruneproof-output.json")), "a complete output folder");
        return sha256(out.resolve("model.safetensors"));
    }

    @Test
    void aRunKilledAtAnyMomentResumesToTheUninterruptedRunsWeights() throws Exception {
        data = MnistFolder.write(dir.resolve("mnist"), 320, 64, 14);
        Path reference = dir.resolve("reference");
        long t0 = System.nanoTime();
        Process p = start(reference, false, "reference");
        // the times at which each epoch's checkpoint appears, to place the kills inside epochs
        long[] epochAt = new long[EPOCHS + 1];
        int seen = 0;
        while (p.isAlive()) {
            int e = checkpointEpoch(checkpoint(reference));
            for (int k = seen + 1; k <= e; k++) {
                epochAt[k] = System.nanoTime() - t0;
            }
            seen = Math.max(seen, e);
            Thread.sleep(2);
        }
        assertEquals(0, p.exitValue(), log("reference"));
        String expected = sha256(reference.resolve("model.safetensors"));
        long epoch = (epochAt[EPOCHS] - epochAt[1]) / (EPOCHS - 1);
        LOG.info("uninterrupted run: {} s, one epoch about {} ms", (System.nanoTime() - t0) / 1e9, epoch / 1e6);

        SplittableRandom random = new SplittableRandom(14);
        List<String> where = new ArrayList<>();
        for (int kill = 0; kill < 2; kill++) {
            int after = random.nextInt(EPOCHS);        // the checkpoint of epoch `after` (0: none yet) ...
            double fraction = random.nextDouble();     // ... then this fraction of an epoch
            Path out = dir.resolve("killed-" + kill);
            Process k = start(out, false, "killed-" + kill);
            while (k.isAlive() && checkpointEpoch(checkpoint(out)) < after) {
                Thread.sleep(1);
            }
            long wait = (long) (fraction * (after == 0 ? epochAt[1] : epoch));
            TimeUnit.NANOSECONDS.sleep(wait);
            k.destroyForcibly();
            assertTrue(k.waitFor(60, TimeUnit.SECONDS));
            int at = checkpointEpoch(checkpoint(out));
            where.add("after epoch " + after + " + " + Math.round(fraction * 100) + " % of an epoch: checkpoint of epoch " + at);
            assertEquals(expected, resumeToTheEnd(out, "killed-" + kill), "killed " + where.get(kill) + "; " + log("killed-" + kill));
        }

        // killed while the checkpoint is being written (its temporary file exists)
        Path out = dir.resolve("killed-writing");
        Process k = start(out, false, "killed-writing");
        int target = 1 + random.nextInt(EPOCHS - 1);
        boolean hit = false;
        while (k.isAlive()) {
            if (checkpointEpoch(checkpoint(out)) >= target - 1 && writingCheckpoint(out)) {
                k.destroyForcibly();
                hit = true;
                break;
            }
            Thread.onSpinWait();
        }
        assertTrue(k.waitFor(60, TimeUnit.SECONDS));
        assertTrue(hit, "the checkpoint's temporary file was seen while the run was alive (the poll loop missed every write)");
        boolean leftOver = writingCheckpoint(out);
        int at = checkpointEpoch(checkpoint(out));
        where.add("while writing the checkpoint after the one of epoch " + at + (leftOver ? " (its temporary file left behind)" : ""));
        assertEquals(expected, resumeToTheEnd(out, "killed-writing"), where.get(where.size() - 1));
        assertTrue(!writingCheckpoint(out), "the killed run's temporary checkpoint file is removed by the next write");
        LOG.info("kills: {}", where);
    }
}
