package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.List;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.RunConfig;
import picocli.CommandLine.Option;

/** Options shared by the commands that run claims. */
final class RunOptions {

    @Option(names = "--seed", description = "run seed (default ${DEFAULT-VALUE})", defaultValue = "20201")
    long seed;

    @Option(names = "--tries", description = "instances per claim, overriding each claim's budget")
    Integer tries;

    @Option(names = "--time-scale", description = "multiplies every claim's time limit")
    Double timeScale;

    @Option(names = "--root", description = "repository root (results go to ROOT/target/pruneproof); default: the launcher's directory")
    Path root;

    @Option(names = "--mnist", paramLabel = "DIR",
            description = "folder with an MNIST-format training set (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) "
                    + "for the real-data claims; default /usr/share/datasets/fashion-mnist (Debian: dataset-fashion-mnist)")
    Path mnist;

    /** The system property through which the real-data claims find their folder. */
    static final String MNIST_PROPERTY = "pruneproof.mnist";

    Path root() {
        if (root != null) {
            return root.toAbsolutePath().normalize();
        }
        String p = System.getProperty("pruneproof.root");
        return Path.of(p == null ? "." : p).toAbsolutePath().normalize();
    }

    RunConfig config(String budget, String command) {
        if (mnist != null) {
            if (!java.nio.file.Files.isDirectory(mnist)) {
                throw new Main.UsageError("--mnist: not a directory: " + mnist.toAbsolutePath().normalize());
            }
            System.setProperty(MNIST_PROPERTY, mnist.toAbsolutePath().normalize().toString());
        }
        try {
            return RunConfig.at(root(), seed, budget, tries, timeScale, command);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    static Catalogue catalogue() {
        try {
            return Catalogue.discover();
        } catch (Catalogue.CatalogueException e) {
            throw new Main.UsageError("claim catalogue: " + e.getMessage());
        }
    }

    static Claim<?> claim(Catalogue catalogue, String id) {
        return catalogue.find(id).orElseThrow(() -> {
            List<String> near = catalogue.suggestions(id);
            return new Main.UsageError("unknown claim id '" + id + "'"
                    + (near.isEmpty() ? "." : "; did you mean " + String.join(", ", near) + "?")
                    + " Run 'pruneproof list' for all ids.");
        });
    }
}
