package org.pruneproof.verification.experiments;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pruneproof.reference.data.IdxFormatException;
import org.pruneproof.reference.data.IdxReader;
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
