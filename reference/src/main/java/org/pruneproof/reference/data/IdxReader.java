package org.pruneproof.reference.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.; the format of
 * {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}), plain or gzipped (detected from
 * the gzip magic bytes, not the file name).
 *
 * <p>Format (big-endian): magic number {@code 0x00000803} (unsigned bytes, 3 dimensions) followed by the
 * image count, rows and columns and then count·rows·cols pixel bytes; labels: magic {@code 0x00000801},
 * count, then count label bytes. Any deviation — wrong magic number, fewer bytes than announced,
 * different image and label counts — is an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** The standard training set of an MNIST-format folder (files {@code train-*-idx?-ubyte[.gz]}). */
    public static LabelledImages trainingSet(Path folder) {
        return read(find(folder, "train-images-idx3-ubyte"), find(folder, "train-labels-idx1-ubyte"));
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
        try (DataInputStream in = open(file)) {
            int magic = header(in, file, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "wrong magic number 0x%08X; expected 0x%08X (IDX images: unsigned bytes, 3 dimensions)",
                        magic, IMAGES_MAGIC));
            }
            int count = nonNegative(file, "image count", header(in, file, "image count"));
            int rows = nonNegative(file, "rows", header(in, file, "rows"));
            int cols = nonNegative(file, "columns", header(in, file, "columns"));
            byte[][] pixels = new byte[count][rows * cols];
            for (int k = 0; k < count; k++) {
                try {
                    in.readFully(pixels[k]);
                } catch (EOFException e) {
                    throw new IdxFormatException(file, "truncated: the header announces " + count + " images of "
                            + rows + "×" + cols + " pixels, but the data ends in image " + (k + 1));
                }
            }
            return new Images(pixels, rows, cols);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = header(in, file, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "wrong magic number 0x%08X; expected 0x%08X (IDX labels: unsigned bytes, 1 dimension)",
                        magic, LABELS_MAGIC));
            }
            int count = nonNegative(file, "label count", header(in, file, "label count"));
            byte[] raw = new byte[count];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                throw new IdxFormatException(file, "truncated: the header announces " + count
                        + " labels, but the data ends early");
            }
            int[] labels = new int[count];
            for (int k = 0; k < count; k++) {
                labels[k] = raw[k] & 0xff;
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static int header(DataInputStream in, Path file, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: the file ends inside the header (field '" + field + "')");
        }
    }

    private static int nonNegative(Path file, String field, int value) {
        if (value < 0) {
            throw new IdxFormatException(file, "header field '" + field + "' is negative (" + value + ")");
        }
        return value;
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        try {
            return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
        } catch (java.util.zip.ZipException e) {
            raw.close();
            throw new IdxFormatException(file, "starts like a gzip file but is not one (" + e.getMessage() + ")");
        }
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
