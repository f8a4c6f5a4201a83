package org.pruneproof.verification.experiments;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pruneproof.reference.data.IdxFormatException;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.data.ImageInputs;
import org.pruneproof.reference.data.LabelledImages;

/**
 * Where the real-data claims find an MNIST-format training set: the folder named by the system property
 * {@value #PROPERTY} (set by {@code --mnist DIR} on the command line, or {@code -Dpruneproof.mnist=DIR}
 * under Maven), by default {@value #DEFAULT_FOLDER} (Debian package {@code dataset-fashion-mnist}).
 * Loaded sets are kept for the run.
 */
public final class FashionMnist {

    /** System property naming the data folder. */
    public static final String PROPERTY = "pruneproof.mnist";
    /** Where Debian's dataset-fashion-mnist installs the files. */
    public static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** How to get data, for the INCONCLUSIVE reason. */
    static final String HOW_TO_INSTALL = "install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' or point at "
            + "any MNIST-format folder with --mnist DIR (Maven: -Dpruneproof.mnist=DIR)";

    private static final Map<Path, LabelledImages> LOADED = new ConcurrentHashMap<>();

    private FashionMnist() {
    }

    /** The configured folder. */
    public static Path folder() {
        String p = System.getProperty(PROPERTY);
        return Path.of(p == null || p.isBlank() ? DEFAULT_FOLDER : p.trim()).toAbsolutePath().normalize();
    }

    /** The training set, or a reason why there is none (exactly one of the two is non-null). */
    public record Loaded(LabelledImages images, Path folder, String problem) {
    }

    /** Classes labelled +1 in the binary task (T-shirt/top, pullover, dress, coat, shirt); the others −1. */
    public static final int[] POSITIVE_CLASSES = {0, 2, 3, 4, 6};

    /** The binary target of image {@code k}: +1 for {@link #POSITIVE_CLASSES}, −1 otherwise. */
    public static double binaryTarget(LabelledImages images, int k) {
        int label = images.labels()[k];
        return java.util.Arrays.stream(POSITIVE_CLASSES).anyMatch(c -> c == label) ? 1 : -1;
    }

    /**
     * The binary task on {@code subset}: inputs average-pooled by {@code pool}, centred by {@code centre} and scaled
     * to unit norm (d×m, one column per image), targets ±1 ({@link #binaryTarget}).
     */
    public static TeacherStudent binaryTask(LabelledImages images, int[] subset, double[] centre, int pool) {
        org.ejml.data.DMatrixRMaj x = ImageInputs.centreAndNormalise(ImageInputs.pooled(images, subset, pool), centre);
        double[] y = new double[subset.length];
        for (int j = 0; j < subset.length; j++) {
            y[j] = binaryTarget(images, subset[j]);
        }
        return new TeacherStudent(x, y);
    }

    /** The binary task on the first m images of a seeded random order, centred by their own mean. */
    public static TeacherStudent binaryTask(LabelledImages images, java.util.SplittableRandom r, int m, int pool) {
        int[] subset = java.util.Arrays.copyOf(permutation(r, images.size()), m);
        return binaryTask(images, subset, ImageInputs.columnMean(ImageInputs.pooled(images, subset, pool)), pool);
    }

    /**
     * A class-balanced batch of real images: {@code perClass} images of each of the 10 classes, drawn in a seeded
     * random order; inputs average-pooled by {@code pool}, centred by the batch mean and scaled so that every column
     * has ‖x‖²/d = 1 (the input scale of an N(0, I) batch); labels are the classes.
     */
    public static Experiments.Batch balancedBatch(LabelledImages images, java.util.SplittableRandom r, int perClass, int pool) {
        int[] subset = balancedSubset(images, permutation(r, images.size()), perClass);
        org.ejml.data.DMatrixRMaj x = ImageInputs.pooled(images, subset, pool);
        x = unitMeanSquare(images, subset, ImageInputs.columnMean(x), pool);
        int[] labels = new int[subset.length];
        for (int j = 0; j < subset.length; j++) {
            labels[j] = images.labels()[subset[j]];
        }
        return new Experiments.Batch(x, labels);
    }

    /** The first {@code perClass} images of each of the 10 classes in {@code order}, in that order. */
    public static int[] balancedSubset(LabelledImages images, int[] order, int perClass) {
        int classes = IdxReader.MNIST_CLASSES;
        int[] taken = new int[classes];
        int[] subset = new int[classes * perClass];
        int k = 0;
        for (int i = 0; i < order.length && k < subset.length; i++) {
            int label = images.labels()[order[i]];
            if (label >= 0 && label < classes && taken[label] < perClass) {
                taken[label]++;
                subset[k++] = order[i];
            }
        }
        if (k < subset.length) {
            throw new IllegalArgumentException("the data has fewer than " + perClass + " images of some class");
        }
        return subset;
    }

    /**
     * The images of {@code subset} average-pooled by {@code pool}, centred by {@code centre} and scaled so that every
     * column has ‖x‖²/d = 1 (the input scale of an N(0, I) batch); d×m, one column per image.
     */
    public static org.ejml.data.DMatrixRMaj unitMeanSquare(LabelledImages images, int[] subset, double[] centre, int pool) {
        org.ejml.data.DMatrixRMaj x = ImageInputs.centreAndNormalise(ImageInputs.pooled(images, subset, pool), centre);
        double root = Math.sqrt(x.numRows);
        for (int j = 0; j < x.data.length; j++) {
            x.data[j] *= root;
        }
        return x;
    }

    /** A uniform random permutation of 0 … n−1 (Fisher–Yates from {@code r}). */
    public static int[] permutation(java.util.SplittableRandom r, int n) {
        return org.pruneproof.verification.gen.Ye2020Instances.permutation(r, n);
    }

    /** Loads (once per folder) the training set of the configured folder. */
    public static Loaded load() {
        Path dir = folder();
        if (!IdxReader.hasTrainingSet(dir)) {
            return new Loaded(null, dir, "no MNIST-format training set (train-images-idx3-ubyte[.gz], "
                    + "train-labels-idx1-ubyte[.gz]) in " + dir + "; " + HOW_TO_INSTALL);
        }
        try {
            return new Loaded(LOADED.computeIfAbsent(dir, IdxReader::trainingSet), dir, null);
        } catch (IdxFormatException | UncheckedIOException e) {
            return new Loaded(null, dir, "cannot read the data: " + e.getMessage());
        }
    }
}
