package org.pruneproof.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailureWhileWritingKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("results.json");
        AtomicFiles.writeString(file, "old");
        assertThrows(OutputException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the file itself");
        }
    }

    @Test
    void theFileIsReadableByAllAndItsFolderIsCreated() throws IOException {
        Path file = dir.resolve("a/b/report.html");
        AtomicFiles.writeString(file, "<html>");
        assertEquals("<html>", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anUnwritablePlaceIsAnOutputErrorNamingTheFile() {
        OutputException e = assertThrows(OutputException.class, () -> AtomicFiles.writeString(Path.of("/proc/pruneproof-x"), "x"));
        assertTrue(e.getMessage().startsWith("cannot write /proc/pruneproof-x: "), e.getMessage());
    }

    @Test
    void aTemporaryFileLeftByAKilledProcessIsRemovedByTheNextWriteButOneOfALiveProcessIsKept() throws IOException {
        Path file = dir.resolve("results.json");
        Path dead = Files.writeString(dir.resolve(".results.json.2147483646.123.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".results.json." + ProcessHandle.current().pid() + ".9.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".results.json.x.2147483646.tmp"), "not ours");
        AtomicFiles.writeString(file, "new");
        assertTrue(!Files.exists(dead), "the killed process's half file is gone");
        assertTrue(Files.exists(live) && Files.exists(other));
    }
}
