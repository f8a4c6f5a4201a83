package org.pruneproof.reference.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.; the format of
 * {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}), plain or gzipped (detected from
 * the gzip magic bytes, not the file name).
 *
 * <p>Format (big-endian): magic number {@code 0x00000803} (unsigned bytes, 3 dimensions) followed by the
 * image count, rows and columns and then count·rows·cols pixel bytes; labels: magic {@code 0x00000801},
 * count, then count label bytes. Any deviation — wrong magic number, a zero or negative size, fewer or more
 * bytes than announced, corrupt gzip data, different image and label counts — is an
 * {@link IdxFormatException} naming the file. Sizes announced by a header are checked against the file
 * before anything is allocated, so a lying header cannot exhaust memory.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Largest image accepted, in pixels: far above any image data set, far below what would exhaust memory. */
    static final int MAX_IMAGE_PIXELS = 1 << 26;

    private IdxReader() {
    }

    /** Classes of an MNIST-format set (MNIST, Fashion-MNIST, KMNIST): labels 0 … 9. */
    public static final int MNIST_CLASSES = 10;

    /**
     * The standard training set of an MNIST-format folder (files {@code train-*-idx?-ubyte[.gz]}), whose
     * labels must lie in 0 … {@value #MNIST_CLASSES} − 1.
     */
    public static LabelledImages trainingSet(Path folder) {
        return split(folder, "train");
    }

    /**
     * The standard test set of an MNIST-format folder (files {@code t10k-*-idx?-ubyte[.gz]}), checked like
     * {@link #trainingSet}.
     */
    public static LabelledImages testSet(Path folder) {
        return split(folder, "t10k");
    }

    private static LabelledImages split(Path folder, String prefix) {
        Path imagesFile = find(folder, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(folder, prefix + "-labels-idx1-ubyte");
        LabelledImages set = read(imagesFile, labelsFile);
        int[] labels = set.labels();
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] >= MNIST_CLASSES) {
                throw new IdxFormatException(labelsFile, "label " + labels[k] + " of image " + (k + 1) + " is outside 0…"
                        + (MNIST_CLASSES - 1) + " (an MNIST-format set has " + MNIST_CLASSES + " classes)");
            }
        }
        return set;
    }

    /**
     * Whether {@code folder} holds an MNIST-format training set (both files present, plain or gzipped).
     */
    public static boolean hasTrainingSet(Path folder) {
        return folder != null && locate(folder, "train-images-idx3-ubyte") != null
                && locate(folder, "train-labels-idx1-ubyte") != null;
    }

    /** Reads an images file and its labels file; their counts must agree. */
    public static LabelledImages read(Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (images.pixels.length != labels.length) {
            throw new IdxFormatException(labelsFile, "holds " + labels.length + " labels but " + imagesFile
                    + " holds " + images.pixels.length + " images; expected one label per image");
        }
        return new LabelledImages(images.pixels, labels, images.rows, images.cols);
    }

    private record Images(byte[][] pixels, int rows, int cols) {
    }

    private static Images readImages(Path file) {
        try (IdxStream in = IdxStream.open(file)) {
            int magic = in.header("magic number");
            if (magic != IMAGES_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "wrong magic number 0x%08X; expected 0x%08X (IDX images: unsigned bytes, 3 dimensions)",
                        magic, IMAGES_MAGIC));
            }
            int count = nonNegative(file, "image count", in.header("image count"));
            int rows = positive(file, "rows", in.header("rows"));
            int cols = positive(file, "columns", in.header("columns"));
            long perImage = (long) rows * cols;
            if (perImage > MAX_IMAGE_PIXELS) {
                throw new IdxFormatException(file, "images of " + rows + "×" + cols + " pixels are too large (at most "
                        + MAX_IMAGE_PIXELS + " pixels per image)");
            }
            in.requireSize(count * perImage, count + " images of " + rows + "×" + cols + " pixels");
            List<byte[]> pixels = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                byte[] image = in.readUpTo((int) perImage);
                if (image.length < perImage) {
                    throw new IdxFormatException(file, "truncated: the header announces " + count + " images of "
                            + rows + "×" + cols + " pixels, but the data ends in image " + (k + 1));
                }
                pixels.add(image);
            }
            in.requireEnd(count + " images of " + rows + "×" + cols + " pixels");
            return new Images(pixels.toArray(new byte[0][]), rows, cols);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static int[] readLabels(Path file) {
        try (IdxStream in = IdxStream.open(file)) {
            int magic = in.header("magic number");
            if (magic != LABELS_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "wrong magic number 0x%08X; expected 0x%08X (IDX labels: unsigned bytes, 1 dimension)",
                        magic, LABELS_MAGIC));
            }
            int count = nonNegative(file, "label count", in.header("label count"));
            in.requireSize(count, count + " labels");
            byte[] raw = in.readUpTo(count);
            if (raw.length < count) {
                throw new IdxFormatException(file, "truncated: the header announces " + count
                        + " labels, but the data ends after " + raw.length);
            }
            in.requireEnd(count + " labels");
            int[] labels = new int[count];
            for (int k = 0; k < count; k++) {
                labels[k] = raw[k] & 0xff;
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static int nonNegative(Path file, String field, int value) {
        if (value < 0) {
            throw new IdxFormatException(file, "header field '" + field + "' is negative (" + value + ")");
        }
        return value;
    }

    private static int positive(Path file, String field, int value) {
        if (value <= 0) {
            throw new IdxFormatException(file, "header field '" + field + "' is " + value + "; expected a positive size");
        }
        return value;
    }

    private static Path find(Path folder, String base) {
        Path p = locate(folder, base);
        if (p == null) {
            throw new IdxFormatException(folder.resolve(base), "no such file (looked for " + base + " and " + base
                    + ".gz in " + folder + ")");
        }
        return p;
    }

    private static Path locate(Path folder, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
