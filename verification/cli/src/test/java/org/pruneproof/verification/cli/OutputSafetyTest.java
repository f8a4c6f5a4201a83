package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that cannot be written, or would destroy a user's file, are one-line usage errors (exit 2)
 * given before any work, and leave the user's files as they were.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    private record Run(int status, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Run(status, err.toString());
    }

    private static void assertOneLineUsageError(Run r, String... fragments) {
        assertEquals(Main.USAGE, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "names '" + f + "': " + r.err());
        }
    }

    private Path results() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"run\": {\"seed\": 1}, \"claims\": [{\"id\": \"a\", \"verdict\": \"HOLDS\", \"expected\": \"holds\"}]}");
        return file;
    }

    @Test
    void reportIntoAnExistingFileIsRefusedAndTheFileKept() throws IOException {
        Path mine = Files.writeString(dir.resolve("notes.txt"), "mine");
        assertOneLineUsageError(run("report", "--results", results().toString(), "--out", mine.toString()), "--out", "is a file");
        assertEquals("mine", Files.readString(mine));
    }

    @Test
    void reportWhereNothingCanBeWrittenIsAUsageError() throws IOException {
        assertOneLineUsageError(run("report", "--results", results().toString(), "--out", "/proc/pruneproof-report"), "--out", "/proc");
        assertOneLineUsageError(run("report", "--results", results().toString(), "--out", ""), "--out: empty");
    }

    @Test
    void reportBesideItsResultsFileWorks() throws IOException {
        Path file = results();
        assertEquals(0, run("report", "--results", file.toString(), "--out", dir.toString()).status());
        assertTrue(Files.isRegularFile(dir.resolve("index.html")));
    }

    @Test
    void aRootThatIsAFileIsRefusedBeforeAnyClaimRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("root"), "x");
        assertOneLineUsageError(run("check", "ye2020.first-step", "--tries", "1", "--root", file.toString()), "--root", "is a file");
    }
}
