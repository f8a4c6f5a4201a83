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
import org.pruneproof.scaled.jobs.SweepCell;
import org.pruneproof.scaled.jobs.SweepJob;
import picocli.CommandLine;

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
    void aSweepKilledMidwayAndRestartedWritesTheTableOfAnUninterruptedOne() throws IOException {
        Path whole = dir.resolve("whole");
        Run r = run(sweep(whole));
        assertEquals(0, r.status(), r.err());

        // The interrupted run: three cells finish, the fourth is cut off (a kill leaves at most a hidden temporary file).
        Path cut = dir.resolve("cut");
        SweepCommand command = new SweepCommand();
        List<String> args = sweep(cut);
        new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        SweepJob job = new SweepJob(cut, command.cells(), command.plan());
        for (SweepCell cell : job.pending().subList(0, 3)) {
            job.record(cell, SweepJob.compute(cell, SweepCommand.configure(cell)));
        }
        Files.writeString(cut.resolve("cells").resolve(".cifar-resnet32__snip__s0.5__seed1.json.123.tmp"), "{\"cell\": {");
        assertFalse(Files.exists(cut.resolve("sweep.csv")), "no table before every cell is done");

        Run again = run(sweep(cut));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("3 of 8 cells already done"), again.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.csv")), Files.readAllBytes(cut.resolve("sweep.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.json")), Files.readAllBytes(cut.resolve("sweep.json")));

        Run third = run(sweep(cut));
        assertTrue(third.out().contains("8 of 8 cells already done"), "a finished sweep computes nothing again: " + third.out());
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
