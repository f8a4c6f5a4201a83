package org.pruneproof.reference.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Coverage-guided fuzzing of {@link IdxReader} (Jazzer). A pair of arbitrary files — each plain or
 * gzipped — must either be read into images whose sizes agree with the bytes read, or be refused with
 * an {@link IdxFormatException}; any other exception, an out-of-memory error or a hang is a finding.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus and every finding kept in
 * {@code src/test/resources/.../IdxReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class IdxReaderFuzzTest {

    private static final Path DIR = tempDir();

    /**
     * Input layout (so that seeds are easy to write by hand): byte 0 holds two flags (bit 0: gzip the
     * images file, bit 1: gzip the labels file), bytes 1–2 the length of the images file (big-endian),
     * then the images file, then the labels file.
     */
    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesAnyPairOfFiles(byte[] input) throws IOException {
        if (input.length < 3) {
            return;
        }
        boolean gzipImages = (input[0] & 1) != 0;
        boolean gzipLabels = (input[0] & 2) != 0;
        int split = Math.min(3 + (((input[1] & 0xff) << 8) | (input[2] & 0xff)), input.length);
        byte[] images = Arrays.copyOfRange(input, 3, split);
        byte[] labels = Arrays.copyOfRange(input, split, input.length);
        Path imagesFile = DIR.resolve("images");
        Path labelsFile = DIR.resolve("labels");
        Files.write(imagesFile, gzipImages ? gzip(images) : images);
        Files.write(labelsFile, gzipLabels ? gzip(labels) : labels);
        LabelledImages read;
        try {
            read = IdxReader.read(imagesFile, labelsFile);
        } catch (IdxFormatException expected) {
            assertTrue(expected.getMessage().contains(DIR.toString()), "the message names the file: " + expected.getMessage());
            return;
        }
        // Accepted: the header's sizes and the bytes read agree exactly (16-byte image header, 8-byte label header).
        assertEquals(16L + (long) read.size() * read.rows() * read.cols(), images.length);
        assertEquals(8L + read.size(), labels.length);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("idx-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
