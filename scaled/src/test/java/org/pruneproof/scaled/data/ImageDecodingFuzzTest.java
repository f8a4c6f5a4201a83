package org.pruneproof.scaled.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the image path of {@link ImageFolder} (Jazzer): any file named
 * {@code .png} or {@code .jpg} is either decoded and preprocessed into finite values, or refused with
 * a {@link DataException} naming the file; any other exception (javax.imageio throws many kinds), an
 * out-of-memory error (a header announcing a gigapixel image) or a hang is a finding.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus and every finding kept in
 * {@code src/test/resources/.../ImageDecodingFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class ImageDecodingFuzzTest {

    private static final Path DIR = tempDir();
    private static final int SIZE = 8;

    /** Byte 0 chooses the file name's suffix (even: .png, odd: .jpg); the rest is the file. */
    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyImageFile(byte[] input) throws IOException {
        if (input.length < 1) {
            return;
        }
        Path file = DIR.resolve((input[0] & 1) == 0 ? "image.png" : "image.jpg");
        Files.write(file, java.util.Arrays.copyOfRange(input, 1, input.length));
        BufferedImage image;
        try {
            image = ImageFolder.read(file, SIZE);
        } catch (DataException expected) {
            assertTrue(expected.getMessage().contains(file.toString()), "the message names the file: " + expected.getMessage());
            return;
        }
        double[] out = new double[3 * SIZE * SIZE];
        ImagePreprocessing.toNormalisedChw(image, SIZE, out, 0);
        for (double v : out) {
            assertTrue(Double.isFinite(v) && Math.abs(v) < 3, "a preprocessed value lies within (-3, 3): " + v);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("image-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
