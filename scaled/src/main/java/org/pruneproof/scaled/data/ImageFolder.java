package org.pruneproof.scaled.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images from a folder laid out like ImageNet's: {@code ROOT/<class>/<image>.{jpg,jpeg,png}}, one
 * sub-folder per class, classes numbered in the order of their names. Images are read with
 * {@code javax.imageio} and transformed by {@link ImagePreprocessing}. Batches walk a seeded random
 * permutation of all images, drawing a new permutation after each pass.
 *
 * <p>The layout is checked when the folder is opened ({@link DataException} naming the folder for a
 * missing root, no class folders, image files directly under the root, or a class folder without
 * images); an unreadable image is reported with its path when it is first read.
 */
public final class ImageFolder implements BatchSource, LabelledSet {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    private final List<Path> files;
    private final int[] fileLabels;
    private final List<String> classNames;
    private final int size;
    private final DataType type;
    private final Shuffles.Walk walk;

    private ImageFolder(List<Path> files, int[] labels, List<String> classNames, int size, DataType type, long seed) {
        this.files = files;
        this.fileLabels = labels;
        this.classNames = classNames;
        this.size = size;
        this.type = type;
        this.walk = new Shuffles.Walk(files.size(), seed);
    }

    /**
     * Opens and checks a folder.
     *
     * @throws DataException naming the folder when the layout is wrong
     */
    public static ImageFolder open(Path root, int size, DataType type, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be ≥ 1, got " + size);
        }
        if (!Files.isDirectory(root)) {
            throw new DataException("data folder " + root + " does not exist or is not a directory");
        }
        List<Path> classDirs = new ArrayList<>();
        List<Path> strayImages = new ArrayList<>();
        for (Path p : list(root)) {
            if (Files.isDirectory(p)) {
                classDirs.add(p);
            } else if (isImage(p)) {
                strayImages.add(p);
            }
        }
        if (!strayImages.isEmpty()) {
            throw new DataException("wrong layout in " + root + ": image " + strayImages.get(0).getFileName()
                    + " lies directly in the data folder; expected one sub-folder per class holding its images");
        }
        if (classDirs.isEmpty()) {
            throw new DataException("wrong layout in " + root + ": no class sub-folders; expected ROOT/<class>/<image>.jpg|png");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            Path dir = classDirs.get(c);
            List<Path> images = list(dir).stream().filter(p -> Files.isRegularFile(p) && isImage(p)).toList();
            if (images.isEmpty()) {
                throw new DataException("class folder " + dir + " holds no JPEG or PNG images (empty class)");
            }
            names.add(dir.getFileName().toString());
            for (Path f : images) {
                files.add(f);
                labels.add(c);
            }
        }
        LOG.info("image folder {}: {} classes, {} images", root, names.size(), files.size());
        return new ImageFolder(List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names),
                size, type, seed);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** Class names, in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of images. */
    @Override
    public int imageCount() {
        return files.size();
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    @Override
    public int imageSize() {
        return size;
    }

    @Override
    public ImageBatch next(int batchSize) {
        return batch(walk.next(batchSize));
    }

    /**
     * Decodes one image, refusing before decoding an image larger than {@link #MAX_PIXELS} pixels (a
     * file's header may announce any size) and after decoding one whose resize for {@code size} would be.
     *
     * @throws DataException naming the file
     */
    static BufferedImage read(Path f, int size) {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataException("cannot read image " + f + ": not a JPEG or PNG that javax.imageio can decode");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                requireAtMost(f, "has", (long) reader.getWidth(0), reader.getHeight(0));
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException("cannot read image " + f + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataException("cannot read image " + f + ": not a JPEG or PNG that javax.imageio can decode");
        }
        int[] resized = ImagePreprocessing.resizedSize(img.getWidth(), img.getHeight(), size);
        requireAtMost(f, "would be resized to", resized[0], resized[1]);
        return img;
    }

    /** Largest image decoded or resized, in pixels (8192 × 8192). */
    static final long MAX_PIXELS = 1L << 26;

    private static void requireAtMost(Path f, String verb, long width, long height) {
        if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
            throw new DataException("cannot read image " + f + ": it " + verb + " " + width + "×" + height
                    + " pixels; expected at least 1×1 and at most " + MAX_PIXELS + " pixels");
        }
    }

    /** The images at the given indices, in the folder's order: classes by name, then file names within a class. */
    @Override
    public ImageBatch batch(int[] indices) {
        int plane = 3 * size * size;
        double[] v = new double[indices.length * plane];
        int[] labels = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            int i = indices[b];
            ImagePreprocessing.toNormalisedChw(read(files.get(i), size), size, v, b * plane);
            labels[b] = fileLabels[i];
        }
        return new ImageBatch(Nd4j.create(v, new long[] {indices.length, 3, size, size}, DataType.DOUBLE).castTo(type), labels);
    }
}
