package org.pruneproof.scaled.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of {@link Npy#read} (Jazzer): any file is either read into an array whose
 * header, shape and data agree with the bytes, or refused with an {@link NpyFormatException} naming
 * the file; any other exception, an out-of-memory error or a hang is a finding. An accepted array
 * written back and read again is the same array.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus and every finding kept in
 * {@code src/test/resources/.../NpyFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class NpyFuzzTest {

    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesAnyFile(byte[] input) throws IOException {
        Path file = DIR.resolve("in.npy");
        Files.write(file, input);
        NpyArray read;
        try {
            read = Npy.read(file);
        } catch (NpyFormatException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), "the message names the file: " + expected.getMessage());
            return;
        }
        assertEquals(NpyArray.count(read.shape()) * read.type().bytes(), read.bytes().remaining());
        Path again = DIR.resolve("again.npy");
        Npy.write(again, read);
        NpyArray back = Npy.read(again);
        assertEquals(read.type(), back.type());
        assertEquals(java.util.Arrays.toString(read.shape()), java.util.Arrays.toString(back.shape()));
        assertEquals(read.bytes(), back.bytes());
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("npy-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
