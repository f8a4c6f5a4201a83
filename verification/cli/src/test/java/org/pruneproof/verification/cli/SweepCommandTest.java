package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep command: its table and report, resuming after an interruption, and its usage errors. */
class SweepCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** 2 methods × 2 sparsities × 2 seeds of a reduced CIFAR ResNet-32 (one gradient-based method). */
    private static List<String> sweep(Path out) {
        return new ArrayList<>(List.of("sweep", "--models", "cifar-resnet32", "--methods", "magnitude,snip", "--sparsities", "0.5,0.95",
                "--seeds", "1,2", "--width-multiplier", "0.125", "--input-size", "8", "--batch", "2", "--out", out.toString()));
    }

    @Test
    void aSweepProcessKilledAtSeededMomentsAndRestartedWritesTheTableOfAnUninterruptedOne() throws Exception {
        Path whole = dir.resolve("whole");
        assertEquals(0, run(sweep(whole)).status());
        java.util.SplittableRandom moments = new java.util.SplittableRandom(18);
        for (int kill = 0; kill < 2; kill++) {
            Path cut = dir.resolve("killed-" + kill);
            int cellsBeforeKill = 1 + moments.nextInt(4);
            long extraMillis = moments.nextInt(400);
            List<String> args = sweep(cut);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(args);
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve("child-" + kill + ".log").toFile())).start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (finishedCells(cut) < cellsBeforeKill && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(extraMillis);
            assertTrue(child.isAlive(), "the child was still sweeping when killed (" + cellsBeforeKill + " cells + " + extraMillis + " ms)");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            long done = finishedCells(cut);
            assertTrue(done >= cellsBeforeKill && done < 8, "killed midway: " + done + " of 8 cells done");
            assertFalse(Files.exists(cut.resolve("sweep.csv")), "no table from a killed sweep");
            // What a kill in the middle of writing a row leaves: at most a hidden temporary file (AtomicFiles).
            Files.writeString(cut.resolve("cells").resolve(".cifar-resnet32__snip__s0.95__seed2.json.123.tmp"), "{\"cell\": {");

            Run again = run(sweep(cut));
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().contains(done + " of 8 cells already done"), again.out());
            assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.csv")), Files.readAllBytes(cut.resolve("sweep.csv")));
            assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.json")), Files.readAllBytes(cut.resolve("sweep.json")));
        }
        Run third = run(sweep(dir.resolve("killed-0")));
        assertTrue(third.out().contains("8 of 8 cells already done"), "a finished sweep computes nothing again: " + third.out());
    }

    private static long finishedCells(Path sweep) throws IOException {
        Path cells = sweep.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (var files = Files.list(cells)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void onRealDataEveryRowCarriesTheHeldOutTop1OfThePruneCommandAndTheReportPlotsIt() throws IOException {
        Path data = TrainedNetworkCommandsTest.mnist(dir.resolve("mnist"), 8);
        Path out = dir.resolve("real");
        List<String> args = List.of("sweep", "--models", "cifar-resnet8", "--methods", "snip", "--sparsities", "0.5,0.9",
                "--seeds", "3", "--width-multiplier", "0.25", "--input-size", "16", "--batch", "4", "--data", data.toString(),
                "--train-epochs", "1", "--heldout-images", "8", "--out", out.toString());
        Run r = run(args);
        assertEquals(0, r.status(), r.err());
        JsonNode table = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertTrue(table.get("accuracy").asText().contains("after 1 epoch(s) of training from the initialisation"), table.get("accuracy").asText());
        assertEquals(2, table.get("rows").size());
        for (JsonNode row : table.get("rows")) {
            for (String f : new String[] {"accuracyUnpruned", "accuracyBefore", "accuracyAfter"}) {
                double a = row.get(f).asDouble(-1);
                assertTrue(a >= 0 && a <= 1 && Math.abs(a * 8 - Math.round(a * 8)) < 1e-9, f + " is a top-1 over 8 images: " + row);
            }
            assertTrue(row.get("lossAfter").isNumber() && row.get("lossAfter").asDouble() > 0, row.toString());
        }
        // A cell is exactly `prune` with its arguments: the prune command's own summary gives the same accuracies.
        JsonNode first = table.get("rows").get(0);
        Path single = dir.resolve("single");
        Run p = run(List.of("prune", "--model", "cifar-resnet8", "--method", "snip", "--sparsity", "0.5", "--seed", "3",
                "--width-multiplier", "0.25", "--input-size", "16", "--batch", "4", "--data", data.toString(), "--finetune-epochs", "1", "--lr", "0.01",
                "--heldout-images", "8", "--out", single.toString()));
        assertEquals(0, p.status(), p.err());
        JsonNode accuracy = new ObjectMapper().readTree(single.resolve("summary.json").toFile()).get("accuracy");
        assertEquals(accuracy.get("beforePruning").get("top1").asDouble(), first.get("accuracyUnpruned").asDouble(), 0);
        assertEquals(accuracy.get("afterPruning").get("top1").asDouble(), first.get("accuracyBefore").asDouble(), 0);
        assertEquals(accuracy.get("afterFineTuning").get("top1").asDouble(), first.get("accuracyAfter").asDouble(), 0);
        assertEquals(accuracy.get("afterFineTuning").get("meanLoss").asDouble(), first.get("lossAfter").asDouble(), 0);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("top-1 after training against sparsity") && html.contains("top-1 after training against FLOPs kept")
                && html.contains("top-1 right after pruning against sparsity"), "accuracy plots");
        assertFalse(html.contains("No accuracy plot"));
    }

    @Test
    void weightsForSeveralModelsAreNamedPerModel() {
        List<String> base = List.of("sweep", "--models", "cifar-resnet8,cifar-resnet14", "--methods", "snip", "--sparsities", "0.5",
                "--out", dir.resolve("w").toString());
        List<String> bare = new ArrayList<>(base);
        bare.addAll(List.of("--weights", "some.safetensors"));
        Run r = run(bare);
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().contains("MODEL=FILE"), r.err());
        List<String> missing = new ArrayList<>(base);
        missing.addAll(List.of("--weights", "cifar-resnet8=a.safetensors"));
        Run m = run(missing);
        assertEquals(Main.USAGE, m.status());
        assertTrue(m.err().contains("no file for model cifar-resnet14"), m.err());
        assertFalse(Files.exists(dir.resolve("w")));
    }

    @Test
    void theTableHasOneRowPerCellInPlanOrderAndTheReportPlotsThem() throws IOException {
        Path out = dir.resolve("sweep");
        List<String> args = sweep(out);
        args.set(args.indexOf("magnitude,snip"), "magnitude,random");
        Run r = run(args);
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(9, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("model,method,sparsity,seed,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("cifar-resnet32,magnitude,0.5,1,"), csv.get(1));
        assertTrue(csv.get(8).startsWith("cifar-resnet32,random,0.95,2,"), csv.get(8));
        JsonNode table = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        for (JsonNode row : table.get("rows")) {
            double kept = row.get("keptFraction").asDouble();
            assertEquals(1 - row.get("sparsity").asDouble(), kept, 1e-3, "pruning at init keeps 1 − s of the weights");
            assertTrue(row.get("flopsAfter").asLong() < row.get("flopsBefore").asLong());
            assertTrue(row.get("criticalSparsity").asDouble() > 0 && row.get("criticalSparsity").asDouble() < 1);
            assertTrue(row.get("accuracyAfter").isNull(), "no training: no accuracy");
            assertTrue(row.get("layers").size() > 10);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<svg") && html.contains("FLOPs kept against sparsity") && html.contains("kept fraction per layer"));
        assertTrue(html.contains("No accuracy plot"), "the missing accuracy is said, not hidden");
    }

    @Test
    void mistakesAreUsageErrorsBeforeAnyWork() throws IOException {
        Path notSweep = dir.resolve("mine");
        Files.createDirectories(notSweep);
        Files.writeString(notSweep.resolve("notes.txt"), "mine");
        List<List<String>> bad = List.of(
                sweep(notSweep),
                List.of("sweep", "--models", "resnet51", "--methods", "snip", "--sparsities", "0.5", "--out", dir.resolve("a").toString()),
                List.of("sweep", "--models", "resnet18", "--methods", "snip", "--sparsities", "0.5,1.5", "--out", dir.resolve("b").toString()),
                List.of("sweep", "--models", "resnet18", "--methods", "grasp", "--sparsities", "0.5", "--out", dir.resolve("c").toString()));
        for (List<String> args : bad) {
            Run r = run(args);
            assertEquals(Main.USAGE, r.status(), args + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("mine", Files.readString(notSweep.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")));
    }
}
