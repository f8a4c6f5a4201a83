package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.List;
import org.pruneproof.io.OutputLocations;
import org.pruneproof.reference.data.IdxFormatException;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.ParallelRun;
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

    @Option(names = "--jobs", paramLabel = "N", description = "claims (and experiments of a claim) checked at once; "
            + "default: the number of cores. Results do not depend on it.")
    Integer jobs;

    /** Largest time scale accepted (a claim's time limit × 10⁶ is already weeks). */
    static final double MAX_TIME_SCALE = 1e6;

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
            requireTrainingSet(mnist);
            System.setProperty(MNIST_PROPERTY, mnist.toAbsolutePath().normalize().toString());
        }
        if (tries != null && tries < 1) {
            throw new Main.UsageError("--tries must be ≥ 1, got " + tries);
        }
        jobs(); // checks --jobs for every command that takes it, the ones that run one claim too
        if (timeScale != null && !(timeScale > 0 && timeScale <= MAX_TIME_SCALE)) {
            throw new Main.UsageError("--time-scale must be in (0, " + MAX_TIME_SCALE + "], got " + timeScale);
        }
        Path r = root();
        if (java.nio.file.Files.exists(r) && !java.nio.file.Files.isDirectory(r)) {
            throw new Main.UsageError("--root " + r + " is a file; expected the repository's root folder");
        }
        OutputLocations.check("--root", r.resolve("target").resolve("pruneproof"), java.util.Map.of());
        try {
            return RunConfig.at(r, seed, budget, tries, timeScale, command);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /**
     * A folder the user named must hold a readable training set: checked before any claim runs, so that
     * a mistake is a usage error (exit 2), not an inconclusive claim at the end of the run.
     */
    private static void requireTrainingSet(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new Main.UsageError("--mnist: not a directory: " + dir.toAbsolutePath().normalize());
        }
        try {
            IdxReader.trainingSet(dir);
        } catch (IdxFormatException e) {
            throw new Main.UsageError("--mnist: " + e.getMessage()
                    + " (expected train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])");
        }
    }

    /** The number of workers: --jobs, or the number of cores. */
    int jobs() {
        if (jobs == null) {
            return ParallelRun.defaultJobs();
        }
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new Main.UsageError("--jobs must be in 1.." + MAX_JOBS + ", got " + jobs);
        }
        return jobs;
    }

    /** The most workers accepted. */
    static final int MAX_JOBS = 1024;

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
