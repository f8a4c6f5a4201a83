package org.pruneproof.reference.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] images(int magic, int count, int rows, int cols, int pixelBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int k = 0; k < pixelBytes; k++) {
            out.writeByte(k % 256);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int magic, int count, int labelBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        for (int k = 0; k < labelBytes; k++) {
            out.writeByte(k % 10);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
        return p;
    }

    @Test
    void readsAWellFormedPlainFolder() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), false);
        write("train-labels-idx1-ubyte", labels(0x801, 3, 3), false);
        assertTrue(IdxReader.hasTrainingSet(dir));
        LabelledImages set = IdxReader.trainingSet(dir);
        assertEquals(3, set.size());
        assertEquals(2, set.rows());
        assertArrayEqualsInt(new int[] {0, 1, 2}, set.labels());
        assertEquals(5 / 255.0, set.pixel(1, 0, 1), 1e-15);
    }

    @Test
    void readsGzippedFilesFromTheirContentNotTheirName() throws IOException {
        write("train-images-idx3-ubyte.gz", images(0x803, 2, 28, 28, 2 * 784), true);
        write("train-labels-idx1-ubyte", labels(0x801, 2, 2), true);
        LabelledImages set = IdxReader.trainingSet(dir);
        assertEquals(2, set.size());
        assertEquals(255 / 255.0, set.pixel(0, 9, 3), 1e-15);
    }

    @Test
    void wrongMagicNumberNamesTheFileAndTheExpectedValue() throws IOException {
        Path img = write("img", images(0x802, 1, 1, 1, 1), false);
        Path lab = write("lab", labels(0x801, 1, 1), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertTrue(e.getMessage().startsWith(img.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000802") && e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void labelsWithTheImagesMagicNumberAreRejected() throws IOException {
        Path img = write("img", images(0x803, 1, 1, 1, 1), false);
        Path lab = write("lab", images(0x803, 1, 1, 1, 1), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertEquals(lab, e.file());
        assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
    }

    @Test
    void truncatedPixelDataIsReportedWithTheImageWhereItEnds() throws IOException {
        Path img = write("img.gz", images(0x803, 4, 2, 2, 9), true);
        Path lab = write("lab", labels(0x801, 4, 4), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertEquals(img, e.file());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("image 3"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path img = write("img", Arrays.copyOf(images(0x803, 1, 1, 1, 1), 6), false);
        Path lab = write("lab", labels(0x801, 1, 1), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedLabelsAreReported() throws IOException {
        Path img = write("img", images(0x803, 3, 1, 1, 3), false);
        Path lab = write("lab", labels(0x801, 3, 2), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertEquals(lab, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aHeaderAnnouncingBillionsOfImagesInATinyFileIsTruncatedNotOutOfMemory() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path img = write("huge" + gzip, images(0x803, Integer.MAX_VALUE, 28, 28, 10), gzip);
            Path lab = write("lab", labels(0x801, 1, 1), false);
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
            assertEquals(img, e.file());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void bytesAfterTheAnnouncedDataAreRefusedInPlainAndGzippedFiles() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path img = write("img" + gzip, images(0x803, 2, 2, 2, 9), gzip);
            Path lab = write("lab" + gzip, labels(0x801, 2, 3), gzip);
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
            assertEquals(img, e.file());
            assertTrue(e.getMessage().contains("unexpected bytes"), e.getMessage());
            Path goodImg = write("good" + gzip, images(0x803, 2, 2, 2, 8), gzip);
            IdxFormatException l = assertThrows(IdxFormatException.class, () -> IdxReader.read(goodImg, lab));
            assertEquals(lab, l.file());
            assertTrue(l.getMessage().contains("unexpected bytes"), l.getMessage());
        }
    }

    @Test
    void zeroSizedImagesAreRefused() throws IOException {
        Path img = write("img", images(0x803, 5, 0, 28, 0), false);
        Path lab = write("lab", labels(0x801, 5, 5), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertTrue(e.getMessage().contains("'rows' is 0"), e.getMessage());
    }

    @Test
    void corruptGzipDataIsAFormatErrorNamingTheFile() throws IOException {
        byte[] z = Files.readAllBytes(write("tmp", images(0x803, 3, 4, 4, 48), true));
        for (int k = 12; k < z.length - 8; k++) {
            z[k] ^= (byte) 0x5a;
        }
        Path img = dir.resolve("corrupt.gz");
        Files.write(img, z);
        Path lab = write("lab", labels(0x801, 3, 3), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertEquals(img, e.file());
    }

    @Test
    void mismatchedImageAndLabelCountsAreReported() throws IOException {
        Path img = write("img", images(0x803, 3, 1, 1, 3), false);
        Path lab = write("lab", labels(0x801, 2, 2), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab));
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void aMissingFolderHasNoTrainingSetAndAMissingFileIsNamed() {
        assertTrue(!IdxReader.hasTrainingSet(dir.resolve("nowhere")));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.trainingSet(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void poolingAveragesBlocksAndNormalisationGivesUnitColumns() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 2, 2, 2, 8), false);
        write("train-labels-idx1-ubyte", labels(0x801, 2, 2), false);
        LabelledImages set = IdxReader.trainingSet(dir);
        var x = ImageInputs.pooled(set, new int[] {1}, 2);
        assertEquals(1, x.numRows);
        assertEquals((4 + 5 + 6 + 7) / 4.0 / 255, x.get(0, 0), 1e-15);
        var both = ImageInputs.pooled(set, new int[] {0, 1}, 1);
        ImageInputs.centreAndNormalise(both, new double[4]);
        double norm = 0;
        for (int i = 0; i < 4; i++) {
            norm += both.get(i, 1) * both.get(i, 1);
        }
        assertEquals(1, norm, 1e-12);
    }

    private static void assertArrayEqualsInt(int[] expected, int[] actual) {
        assertTrue(Arrays.equals(expected, actual), Arrays.toString(actual));
    }
}
