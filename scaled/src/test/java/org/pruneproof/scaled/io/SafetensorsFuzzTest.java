package org.pruneproof.scaled.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@link Safetensors#read} (Jazzer): any file is either read into tensors
 * whose shapes and byte lengths agree, or refused with a {@link SafetensorsFormatException} naming the
 * file; any other exception, an out-of-memory error or a hang is a finding. Accepted tensors written
 * back and read again are the same tensors.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus in
 * {@code src/test/resources/.../SafetensorsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class SafetensorsFuzzTest {

    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesAnyFile(byte[] input) throws IOException {
        Path file = DIR.resolve("in.safetensors");
        Files.write(file, input);
        Map<String, NpyArray> read;
        try {
            read = Safetensors.read(file);
        } catch (SafetensorsFormatException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), "the message names the file: " + expected.getMessage());
            return;
        }
        for (NpyArray a : read.values()) {
            assertEquals(NpyArray.count(a.shape()) * a.type().bytes(), a.bytes().remaining());
        }
        Path again = DIR.resolve("again.safetensors");
        Safetensors.write(again, read);
        Map<String, NpyArray> back = Safetensors.read(again);
        assertEquals(read.keySet(), back.keySet());
        for (String k : read.keySet()) {
            assertEquals(read.get(k).type(), back.get(k).type());
            assertEquals(Arrays.toString(read.get(k).shape()), Arrays.toString(back.get(k).shape()));
            assertEquals(read.get(k).bytes(), back.get(k).bytes());
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("safetensors-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
