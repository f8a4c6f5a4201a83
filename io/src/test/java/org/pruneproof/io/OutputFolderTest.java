package org.pruneproof.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path writeOutput(Path target, String... files) throws IOException {
        try (OutputFolder out = OutputFolder.create("--out", target, Map.of())) {
            for (String f : files) {
                Files.createDirectories(out.resolve(f).getParent());
                Files.writeString(out.resolve(f), f);
            }
            return out.commitListing("test");
        }
    }

    @Test
    void theTargetAppearsOnlyOnCommitWithItsManifestWrittenLast() throws IOException {
        Path target = dir.resolve("R50");
        try (OutputFolder out = OutputFolder.create("--out", target, Map.of())) {
            Files.writeString(out.resolve("summary.json"), "{}");
            assertFalse(Files.exists(target), "nothing at the target before the commit");
            assertEquals(List.of("summary.json"), out.files());
            out.commitListing("test");
        }
        assertTrue(Files.isRegularFile(target.resolve(OutputFolder.MANIFEST)));
        assertEquals(List.of("R50"), names(), "no staging folder left");
    }

    @Test
    void anAbandonedOutputLeavesThePreviousOneWholeAndNoStagingFolder() throws IOException {
        Path target = writeOutput(dir.resolve("out"), "a.npy", "summary.json");
        try (OutputFolder out = OutputFolder.create("--out", target, Map.of())) {
            Files.writeString(out.resolve("a.npy"), "new, but the job failed");
        }
        assertEquals("a.npy", Files.readString(target.resolve("a.npy")));
        assertEquals(List.of("out"), names());
    }

    @Test
    void anEarlierOutputIsReplacedWholeNotMixedWithTheNewOne() throws IOException {
        Path target = writeOutput(dir.resolve("out"), "W1.npy", "W2.npy");
        writeOutput(target, "W1.npy");
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of("W1.npy", OutputFolder.MANIFEST), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFolderHoldingTheUsersFilesOrAFileIsRefusedBeforeAnyWork() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("summary.json"), "the user's");
        OutputException e = assertThrows(OutputException.class, () -> OutputFolder.create("--out", mine, Map.of()));
        assertTrue(e.getMessage().contains("holds files that pruneproof did not write"), e.getMessage());
        assertEquals("the user's", Files.readString(mine.resolve("summary.json")));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(OutputException.class, () -> OutputFolder.create("--out", file, Map.of()))
                .getMessage().contains("exists and is a file"));
        writeOutput(Files.createDirectories(dir.resolve("empty")), "x");
        Path earlier = writeOutput(dir.resolve("earlier"), "W1.npy", "sub/x.npy");
        Files.writeString(earlier.resolve("notes.txt"), "added by the user");
        OutputException added = assertThrows(OutputException.class, () -> OutputFolder.create("--out", earlier, Map.of()));
        assertTrue(added.getMessage().contains("holds notes.txt"), added.getMessage());
        assertEquals("added by the user", Files.readString(earlier.resolve("notes.txt")));
    }

    @Test
    void theManifestListsTheFilesAndNamesTheCommand() throws IOException {
        Path target = writeOutput(dir.resolve("m"), "a \"quoted\" name.npy", "b.json");
        String manifest = Files.readString(target.resolve(OutputFolder.MANIFEST));
        assertEquals("pruneproof test", JsonFiles.mapper().readTree(manifest).path("writtenBy").asText(), manifest);
        assertEquals(java.util.Set.of("a \"quoted\" name.npy", "b.json"), OutputFolder.listedFiles(manifest));
    }

    @Test
    void aManifestInTheEarlierHandWrittenStyleIsStillRead() {
        String earlier = "{\n  \"writtenBy\": \"pruneproof prune\",\n  \"files\": [\n    \"summary.json\",\n    \"weights/conv1.weight.npy\"\n  ]\n}\n";
        assertEquals(java.util.Set.of("summary.json", "weights/conv1.weight.npy"), OutputFolder.listedFiles(earlier));
        assertEquals(java.util.Set.of(), OutputFolder.listedFiles("not json ["));
    }

    @Test
    void leftoversOfAKilledRunAreClearedButAStagingFolderOfALiveProcessIsKept() throws IOException {
        Path deadStaging = Files.createDirectories(dir.resolve(".out.2147483646.abc.partial"));
        Path deadOld = Files.createDirectories(dir.resolve(".out.2147483646.old"));
        Path live = Files.createDirectories(dir.resolve(".out." + ProcessHandle.current().pid() + ".1f.partial"));
        Path otherTarget = Files.createDirectories(dir.resolve(".out.x.2147483646.ab.partial"));
        writeOutput(dir.resolve("out"), "a");
        assertFalse(Files.exists(deadStaging));
        assertFalse(Files.exists(deadOld));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(otherTarget), "the leftover of another target (out.x) is not ours to remove");
    }

    @Test
    void aProcessKilledBySigtermRemovesItsStagingFolderAndSigkillLeavesOneTheNextRunClears() throws Exception {
        for (boolean gentle : new boolean[] {true, false}) {
            Path target = dir.resolve("killed-" + gentle);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString())
                    .redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readNBytes(8));
            assertEquals("writing\n", line, "the child started writing");
            if (gentle) {
                p.destroy();
            } else {
                p.destroyForcibly();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(target), "no half output at the target");
            List<String> staging = names().stream().filter(n -> n.startsWith(".killed-" + gentle)).toList();
            assertEquals(gentle ? 0 : 1, staging.size(), "staging folders after " + (gentle ? "SIGTERM" : "SIGKILL") + ": " + staging);
            writeOutput(target, "a");
            assertTrue(names().stream().noneMatch(n -> n.startsWith(".killed-" + gentle)), "the next run clears it");
        }
    }

    /** A child process that starts an output folder and writes into it until killed. */
    static final class SlowWriter {
        public static void main(String[] args) throws Exception {
            try (OutputFolder out = OutputFolder.create("--out", Path.of(args[0]), Map.of())) {
                Files.writeString(out.resolve("part.npy"), "x");
                System.out.print("writing\n");
                System.out.flush();
                Thread.sleep(60_000);
                out.commitListing("test");
            }
        }
    }
}
