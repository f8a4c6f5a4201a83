package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: clear one-line errors and non-zero exits for user mistakes; working commands. */
class MainTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void unknownClaimIdIsAOneLineErrorWithSuggestions() {
        Run r = run("check", "ye2020.realisable-rate", "--tries", "1");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("pruneproof: unknown claim id 'ye2020.realisable-rate'"), r.err());
        assertTrue(r.err().contains("ye2020.realizable-rate"), "suggests the right id: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void outOfMemoryIsOneLineNamingTheHeapLimitAndHowToRaiseIt() {
        String m = Main.outOfMemory(new OutOfMemoryError("Java heap space"));
        assertEquals(1, m.lines().count(), m);
        assertTrue(m.startsWith("out of memory (Java heap space) with a Java heap limit of "), m);
        assertTrue(m.contains("PRUNEPROOF_JAVA_OPTS=\"-Xmx") && m.contains("maxphysicalbytes"), m);
        assertEquals(1, Main.OUT_OF_MEMORY, "not a usage error (2): the same command succeeds with more memory");
    }

    @Test
    void badOptionIsAUsageError() {
        Run r = run("check", "ye2020.first-step", "--tries", "many");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--tries"), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace: " + r.err());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void listShowsEveryClaimWithItsExpectation() {
        Run r = run("list");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("ye2020.monotone-loss") && r.out().contains("falsified"), r.out());
        assertTrue(r.out().contains("ye2020.realizable-rate") && r.out().contains("holds"), r.out());
    }

    @Test
    void checkWritesResultsAndReport(@TempDir Path root) {
        Run r = run("check", "ye2020.first-step", "--tries", "20", "--root", root.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(root.resolve("target/pruneproof/results.json")));
        assertTrue(Files.exists(root.resolve("target/pruneproof/index.html")));
        assertTrue(r.out().contains("ye2020.first-step") && r.out().contains("HOLDS"), r.out());
    }

    @Test
    void replayOfAFailingSeedPrintsTheShrunkCounterexample(@TempDir Path root) {
        Run r = run("replay", "ye2020.monotone-loss", "--seed", "3", "--size", "40", "--root", root.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("instance: "), r.out());
    }

    @Test
    void replayOfAStoredTightestInstanceChecksItAndABadFileIsAOneLineUsageError(@TempDir Path root) throws Exception {
        Path tight = root.resolve("tight.json");
        java.nio.file.Files.writeString(tight, "{\"claim\": \"ye2020.realizable-rate\", \"ratio\": 1.0, \"instance\": "
                + "{\"phi\": [[1.0, 0.0], [-1.0, 0.0]], \"alpha\": [0.5, 0.5], \"steps\": 4}}");
        Run r = run("replay", "ye2020.realizable-rate", "--instance", tight.toString(), "--root", root.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("HOLDS (ratio 1.0"), "the midpoint of two neurons attains the rate at n = 1: " + r.out());

        java.nio.file.Files.writeString(tight, "{\"instance\": {\"phi\": [[1.0]], \"alpha\": [0.3], \"steps\": 4}}");
        Run bad = run("replay", "ye2020.realizable-rate", "--instance", tight.toString(), "--root", root.toString());
        assertEquals(2, bad.status(), bad.out());
        assertTrue(bad.err().startsWith("pruneproof: --instance " + tight + ": not an instance of ye2020.realizable-rate"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        Run missing = run("replay", "ye2020.realizable-rate", "--instance", root.resolve("none.json").toString(), "--root", root.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("none.json") && missing.err().contains("cannot read it as JSON"), missing.err());
    }

    @Test
    void reportOfAMissingResultsFileNamesTheFile(@TempDir Path dir) {
        Run r = run("report", "--results", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("nope.json") && r.err().contains("no such file"), r.err());
    }

    @Test
    void reportReRendersAnEarlierResultsFile(@TempDir Path root) throws Exception {
        assertEquals(0, run("check", "ye2020.first-step", "--tries", "20", "--root", root.toString()).status());
        Path out = root.resolve("again");
        Run r = run("report", "--results", root.resolve("target/pruneproof/results.json").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("data-claim-id=\"ye2020.first-step\"") && html.contains("katex"), "the full report");
    }

    @Test
    void reportOfAMalformedResultsFileNamesTheProblem(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("results.json");
        Files.writeString(bad, "{\"run\": {\"seed\": \"x\"");
        Run r = run("report", "--results", bad.toString(), "--out", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("results.json") && r.err().contains("malformed"), r.err());
        assertFalse(Files.exists(dir.resolve("index.html")), "no half-written report");
    }
}
