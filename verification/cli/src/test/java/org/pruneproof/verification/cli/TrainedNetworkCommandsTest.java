package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;

/**
 * evaluate, train and prune --weights end to end on a small MNIST-format folder and the PyTorch-made CIFAR ResNet
 * fixture of the scaled module's tests; their one-line usage errors for broken weights.
 */
class TrainedNetworkCommandsTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** The scaled module's PyTorch-made fixtures (tools/make_weight_fixtures.py), read from the source tree. */
    private static Path fixture(String name) {
        Path p = Path.of("../../scaled/src/test/resources/org/pruneproof/scaled/weights", name).toAbsolutePath().normalize();
        assertTrue(Files.exists(p), "fixture " + p);
        return p;
    }

    /** An MNIST-format folder: {@code n} seeded random 28×28 images per split, labels 0 … 9. */
    private Path mnist(int n) throws IOException {
        return mnist(dir.resolve("mnist"), n);
    }

    /** An MNIST-format folder {@code d}: {@code n} seeded random 28×28 images per split, labels 0 … 9. */
    static Path mnist(Path d, int n) throws IOException {
        Files.createDirectories(d);
        SplittableRandom r = new SplittableRandom(5);
        for (String split : new String[] {"train", "t10k"}) {
            try (DataOutputStream img = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(d.resolve(split + "-images-idx3-ubyte.gz"))));
                 DataOutputStream lab = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(d.resolve(split + "-labels-idx1-ubyte.gz"))))) {
                img.writeInt(0x803);
                img.writeInt(n);
                img.writeInt(28);
                img.writeInt(28);
                lab.writeInt(0x801);
                lab.writeInt(n);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 784; k++) {
                        img.write(r.nextInt(256));
                    }
                    lab.write(i % 10);
                }
            }
        }
        return d;
    }

    @Test
    void evaluateWritesTopKLossAndLogitsInFileOrder() throws Exception {
        Path data = mnist(12);
        Path out = dir.resolve("eval");
        Run r = run("evaluate", "--model", "cifar-resnet8", "--width-multiplier", "0.25", "--weights",
                fixture("cifar-resnet8-w0.25-c10").toString(), "--data", data.toString(), "--batch", "5", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(12, s.get("images").asInt());
        assertEquals(64, s.get("weightsSha256").asText().length());
        NpyArray logits = Npy.read(out.resolve("logits.npy"));
        assertArrayEquals(new long[] {12, 10}, logits.shape());
        long correct = 0;
        for (int i = 0; i < 12; i++) {
            int best = 0;
            for (int j = 1; j < 10; j++) {
                if (logits.getDouble(i * 10 + j) > logits.getDouble(i * 10 + best)) {
                    best = j;
                }
            }
            correct += best == i % 10 ? 1 : 0;  // labels were written as i mod 10, in file order
        }
        assertEquals(correct / 12.0, s.get("top1").asDouble(), 1e-12);
        assertTrue(s.get("top5").asDouble() >= s.get("top1").asDouble());
    }

    @Test
    void trainStopsResumesAndExportsAnEvaluableNetwork() throws Exception {
        Path data = mnist(8);
        Path out = dir.resolve("trained");
        String[] common = {"train", "--model", "cifar-resnet8", "--width-multiplier", "0.25", "--data", data.toString(), "--epochs", "2",
            "--batch", "4", "--lr", "0.01", "--seed", "2", "--threads", "1", "--out", out.toString()};
        Run first = run(concat(common, "--stop-after", "1"));
        assertEquals(0, first.status(), first.err());
        assertFalse(Files.exists(out), "no output folder before the last epoch");
        assertTrue(Files.isRegularFile(dir.resolve("trained.checkpoint.safetensors")));
        Run second = run(concat(common, "--resume"));
        assertEquals(0, second.status(), second.err());
        String csv = Files.readString(out.resolve("metrics.csv"));
        assertEquals(3, csv.lines().count(), csv);
        Run eval = run("evaluate", "--weights", out.toString(), "--data", data.toString(), "--threads", "1", "--out",
                dir.resolve("e2").toString());
        assertEquals(0, eval.status(), eval.err());
    }

    @Test
    void pruneAcceptsTrainedWeightsAndItsExportLoadsAgain() throws Exception {
        Path data = mnist(8);
        Path out = dir.resolve("pruned");
        Run r = run("prune", "--model", "cifar-resnet8", "--width-multiplier", "0.25", "--weights",
                fixture("cifar-resnet8-w0.25-c10").toString(), "--method", "snip", "--sparsity", "0.5", "--batch", "4",
                "--data", data.toString(), "--threads", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("accuracy").has("beforePruning") && s.get("accuracy").has("afterPruning"), s.toString());
        Run eval = run("evaluate", "--weights", out.toString(), "--data", data.toString(), "--threads", "1", "--out",
                dir.resolve("e3").toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode e = new ObjectMapper().readTree(dir.resolve("e3").resolve("summary.json").toFile());
        assertEquals(s.get("accuracy").get("afterPruning").get("top1").asDouble(), e.get("top1").asDouble(), 0,
                "the export evaluates as the pruned network did");
    }

    @Test
    void greedyPruningFineTunesBetweenLayersAndAfterwards() throws Exception {
        Path data = mnist(8);
        Path out = dir.resolve("greedy");
        Run r = run("prune", "--model", "cifar-resnet8", "--width-multiplier", "0.25", "--weights",
                fixture("cifar-resnet8-w0.25-c10").toString(), "--method", "greedy-fast", "--sparsity", "0.5", "--batch", "4",
                "--positions", "32", "--data", data.toString(), "--finetune-between", "0.5", "--finetune-epochs", "1", "--lr", "0.01",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, s.get("finetuneBetween").get("stepsPerLayer").asInt(), "0.5 × 8 images / batch 4 = 1 step");
        assertEquals(s.get("groups").size() - 1, s.get("finetuneBetween").get("losses").size(), "after every group but the last");
        assertTrue(s.get("accuracy").has("afterFineTuning"), s.toString());
        assertTrue(s.get("paramsAfter").asLong() < s.get("paramsBefore").asLong());
    }

    @Test
    void brokenWeightsAreOneLineUsageErrors() throws Exception {
        Path data = mnist(4);
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        Run r = run("evaluate", "--model", "cifar-resnet8", "--weights", bad.toString(), "--data", data.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("pruneproof: " + bad) && r.err().strip().lines().count() == 1, r.err());
        Run missing = run("evaluate", "--model", "resnet18", "--weights", fixture("cifar-resnet8-w0.25-c10").toString(), "--data",
                data.toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("tensor") && !missing.err().contains("\tat "), missing.err());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")), "nothing written");
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
