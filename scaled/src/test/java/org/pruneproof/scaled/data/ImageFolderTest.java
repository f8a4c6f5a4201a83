package org.pruneproof.scaled.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reading, preprocessing and clear errors of the image-folder reader, on tiny images written here. */
class ImageFolderTest {

    @TempDir
    Path root;

    private static void write(Path file, int w, int h, int rgb, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void readsClassesInNameOrderAndNormalisesWithImageNetStatistics() throws IOException {
        write(root.resolve("cat/a.png"), 12, 9, 0xff0000, "png");
        write(root.resolve("dog/b.png"), 7, 10, 0x00ff00, "png");
        write(root.resolve("dog/c.jpg"), 10, 10, 0x0000ff, "jpg");
        ImageFolder data = ImageFolder.open(root, 8, DataType.DOUBLE, 1);
        assertEquals(2, data.classes());
        assertEquals(3, data.imageCount());
        ImageBatch batch = data.next(3);
        assertArrayEquals(new long[] {3, 3, 8, 8}, batch.images().shape());
        int[] sorted = batch.labels();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 1}, sorted);
        for (int b = 0; b < 3; b++) {
            INDArray img = batch.images();
            if (batch.labels()[b] == 0) {
                // pure red (PNG, lossless): channel values (1 − 0.485)/0.229 and (0 − mean)/std
                assertEquals((1 - 0.485) / 0.229, img.getDouble(b, 0, 4, 4), 1e-9);
                assertEquals((0 - 0.456) / 0.224, img.getDouble(b, 1, 4, 4), 1e-9);
                assertEquals((0 - 0.406) / 0.225, img.getDouble(b, 2, 4, 4), 1e-9);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBatches() throws IOException {
        for (int i = 0; i < 4; i++) {
            write(root.resolve("c" + (i % 2) + "/i" + i + ".png"), 8, 8, 0x101010 * (i + 1), "png");
        }
        int[] a = ImageFolder.open(root, 4, DataType.FLOAT, 9).next(4).labels();
        int[] b = ImageFolder.open(root, 4, DataType.FLOAT, 9).next(4).labels();
        assertArrayEquals(a, b);
    }

    @Test
    void emptyClassIsNamed() throws IOException {
        write(root.resolve("full/a.png"), 4, 4, 0, "png");
        Files.createDirectories(root.resolve("empty"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.open(root, 4, DataType.FLOAT, 1));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains(root.resolve("empty").toString()), e.getMessage());
    }

    @Test
    void imagesDirectlyUnderTheRootAreAWrongLayout() throws IOException {
        write(root.resolve("a.png"), 4, 4, 0, "png");
        DataException e = assertThrows(DataException.class, () -> ImageFolder.open(root, 4, DataType.FLOAT, 1));
        assertTrue(e.getMessage().contains("wrong layout") && e.getMessage().contains("a.png"), e.getMessage());
        assertThrows(DataException.class, () -> ImageFolder.open(root.resolve("missing"), 4, DataType.FLOAT, 1));
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        Path bad = root.resolve("c/broken.jpg");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "not an image");
        ImageFolder data = ImageFolder.open(root, 4, DataType.FLOAT, 1);
        DataException e = assertThrows(DataException.class, () -> data.next(1));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void syntheticBatchesAreSeededAndShaped() {
        ImageBatch a = new SyntheticImages(10, 3, 5, DataType.FLOAT, 3).next(2);
        ImageBatch b = new SyntheticImages(10, 3, 5, DataType.FLOAT, 3).next(2);
        assertArrayEquals(new long[] {2, 3, 5, 5}, a.images().shape());
        assertEquals(a.images(), b.images());
        assertArrayEquals(a.labels(), b.labels());
    }
}
