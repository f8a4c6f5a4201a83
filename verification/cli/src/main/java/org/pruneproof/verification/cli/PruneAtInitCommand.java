package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pruneproof.scaled.jobs.PruneAtInitJob;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.theory.pruning.PruningMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pruneproof prune-at-init --method METHOD --sparsity S --weights DIR --inputs X.npy
 * --labels Y.npy [--activation relu|tanh] [--seed S] [--sigma-w σ] --out DIR2}: pruning at initialisation of a fully
 * connected network given as .npy files. Parses and checks the options, then runs a {@link PruneAtInitJob}, which
 * says what is computed and written.
 */
@Command(name = "prune-at-init", description = "Prune a fully connected network given as .npy files at initialisation (the methods: see --method).")
final class PruneAtInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The methods of the registry, for the help. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PruningMethod.cliNames().iterator();
        }
    }

    @Option(names = "--method", required = true, paramLabel = "METHOD", completionCandidates = MethodNames.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--sparsity", required = true, paramLabel = "S", description = "fraction of weights removed, in [0, 1)")
    double sparsity;

    @Option(names = "--weights", required = true, paramLabel = "DIR",
            description = "folder with W1.npy … WL.npy (layer l: out×in) and optionally b1.npy … bL.npy")
    Path weights;

    @Option(names = "--inputs", required = true, paramLabel = "X.npy", description = "batch, shape (B, d), one example per row")
    Path inputs;

    @Option(names = "--labels", required = true, paramLabel = "Y.npy", description = "B integer classes in [0, out of WL)")
    Path labels;

    @Option(names = "--activation", paramLabel = "PHI", defaultValue = "relu",
            description = "hidden activation, relu or tanh (default: ${DEFAULT-VALUE}; ReLU'(0) = 0 as in PyTorch)")
    String activation;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the random scores (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sigma-w", paramLabel = "SIGMA",
            description = "sbp-sr: restore every kept row to squared norm SIGMA² (default: each layer's mean squared row norm before pruning)")
    Double sigmaW;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "output folder (created or replaced atomically)")
    Path out;

    @Override
    public Integer call() {
        PruningMethod m = validateOptions();
        DenseNetwork.HiddenActivation phi = DenseNetwork.HiddenActivation.parse(activation);
        new PruneAtInitJob(new PruneAtInitJob.Config(m, sparsity, weights, inputs, labels, phi, seed, sigmaW, out))
                .run(spec.commandLine().getOut());
        return 0;
    }

    private PruningMethod validateOptions() {
        PruningMethod m;
        try {
            m = PruningMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--method: " + e.getMessage());
        }
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new Main.UsageError("--sparsity must be in [0, 1) (the fraction of weights removed), got " + sparsity);
        }
        try {
            DenseNetwork.HiddenActivation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--activation: " + e.getMessage());
        }
        if (sigmaW != null && !m.restoresNorms(false)) {
            throw new Main.UsageError("--sigma-w is used only by --method sbp-sr");
        }
        if (sigmaW != null && !(sigmaW > 0 && Double.isFinite(sigmaW))) {
            throw new Main.UsageError("--sigma-w must be positive and finite, got " + sigmaW);
        }
        return m;
    }
}
