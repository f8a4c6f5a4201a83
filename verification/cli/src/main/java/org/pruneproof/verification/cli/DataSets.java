package org.pruneproof.verification.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.nets.Architecture;
import org.pruneproof.reference.data.IdxFormatException;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.scaled.data.DataException;
import org.pruneproof.scaled.data.GrayscaleImages;
import org.pruneproof.scaled.data.ImageFolder;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * What {@code --data} names for evaluate, train and prune: {@code fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist} in {@value FashionMnist#DEFAULT_FOLDER}), any MNIST-format folder (it holds
 * {@code train-images-idx3-ubyte[.gz]} or {@code t10k-images-idx3-ubyte[.gz]}; {@code --split train|test}
 * picks {@code train-*} or {@code t10k-*}), or an image folder {@code ROOT/<class>/<image>}, whose
 * {@code ROOT/<split>/} is used when it exists ({@code ROOT/train}, {@code ROOT/test}, also
 * {@code ROOT/val} for test). Every mistake is a {@link Main.UsageError} naming {@code --data}.
 */
final class DataSets {

    /** The keyword for Debian's Fashion-MNIST. */
    static final String FASHION_MNIST = "fashion-mnist";

    private DataSets() {
    }

    /** The folder a {@code --data} value names. */
    static Path folder(String data) {
        return data.toLowerCase(Locale.ROOT).equals(FASHION_MNIST) ? Path.of(FashionMnist.DEFAULT_FOLDER) : Path.of(data);
    }

    /**
     * Opens a split ({@code train} or {@code test}) of a data set for a network's input ({@code channels × size × size}):
     * a grey-scale set is replicated into the channels (preprocessing: {@code scaled.data.ImagePreprocessing}); an image
     * folder is RGB and needs 3.
     */
    static LabelledSet open(String data, String split, Architecture network, DataType type, long seed) {
        int size = network.inputSize();
        int channels = network.inputChannels();
        String s = split.toLowerCase(Locale.ROOT);
        if (!s.equals("train") && !s.equals("test")) {
            throw new Main.UsageError("--split must be train or test, got '" + split + "'");
        }
        Path dir = folder(data);
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageError("--data: " + dir + " is not a folder"
                    + (data.equalsIgnoreCase(FASHION_MNIST) ? " (install it with 'apt-get install dataset-fashion-mnist')"
                    : " (expected fashion-mnist, an MNIST-format folder or an image folder ROOT/<class>/<image>)"));
        }
        if (isIdx(dir)) {
            try {
                LabelledImages set = s.equals("train") ? IdxReader.trainingSet(dir) : IdxReader.testSet(dir);
                return new GrayscaleImages(set.pixels(), set.labels(), set.rows(), set.cols(), IdxReader.MNIST_CLASSES, channels, size, type,
                        seed);
            } catch (IdxFormatException | UncheckedIOException | DataException e) {
                throw new Main.UsageError("--data: " + e.getMessage());
            }
        }
        if (channels != 3) {
            throw new Main.UsageError("--data: " + dir + " is an image folder (RGB), but " + network.name() + " takes "
                    + channels + "-channel input; use an MNIST-format folder or fashion-mnist");
        }
        Path root = dir;
        if (Files.isDirectory(dir.resolve(s))) {
            root = dir.resolve(s);
        } else if (s.equals("test") && Files.isDirectory(dir.resolve("val"))) {
            root = dir.resolve("val");
        }
        try {
            return ImageFolder.open(root, size, type, seed);
        } catch (DataException e) {
            throw new Main.UsageError("--data: " + e.getMessage());
        }
    }

    private static boolean isIdx(Path dir) {
        for (String f : new String[] {"train-images-idx3-ubyte", "t10k-images-idx3-ubyte"}) {
            if (Files.isRegularFile(dir.resolve(f)) || Files.isRegularFile(dir.resolve(f + ".gz"))) {
                return true;
            }
        }
        return false;
    }
}
