package org.pruneproof.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLocationsTest {

    @TempDir
    Path dir;

    private String refusal(Path out, Map<String, Path> inputs) {
        return assertThrows(OutputException.class, () -> OutputLocations.check("--out", out, inputs)).getMessage();
    }

    @Test
    void theEmptyPathIsRefusedRatherThanWritingIntoTheCurrentFolder() {
        assertTrue(refusal(Path.of(""), Map.of()).startsWith("--out: empty"));
    }

    @Test
    void anOutputThatIsContainsOrLiesInsideAnInputIsRefused() throws IOException {
        Path weights = Files.createDirectories(dir.resolve("W"));
        Path phi = Files.createFile(dir.resolve("phi.npy"));
        assertTrue(refusal(weights, Map.of("--weights", weights)).contains("is the same as --weights"));
        assertTrue(refusal(dir.resolve("W/../W/"), Map.of("--weights", weights)).contains("is the same as --weights"));
        assertTrue(refusal(phi, Map.of("--features", phi)).contains("is the same as --features"));
        assertTrue(refusal(dir, Map.of("--features", phi)).contains("holds --features"));
        assertTrue(refusal(weights.resolve("out"), Map.of("--weights", weights)).contains("lies inside --weights"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), weights);
        assertTrue(refusal(link, Map.of("--weights", weights)).contains("is the same as --weights"), "links are resolved");
        OutputLocations.check("--out", dir.resolve("elsewhere"), Map.of("--weights", weights, "--features", phi));
    }

    @Test
    void aPlaceWhereNothingCanBeCreatedIsRefusedBeforeAnyWork() throws IOException {
        assertTrue(refusal(Path.of("/proc/pruneproof-out"), Map.of()).contains("cannot create anything in /proc"));
        Path file = Files.createFile(dir.resolve("plain"));
        assertTrue(refusal(file.resolve("sub/out"), Map.of()).contains("is a file, not a folder"));
        assertTrue(refusal(dir.resolve("x".repeat(300)), Map.of()).contains("longer than 255 bytes"));
    }
}
