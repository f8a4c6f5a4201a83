package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.io.OutputLocations;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.scaled.jobs.GreedyJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pruneproof greedy --features PHI.npy --target Y.npy --steps K [--without-replacement]
 * [--candidates C --seed S] [--engine reference|scaled] [--precision float32|float64] --out OUT.json}:
 * greedy forward selection on arrays from NumPy or PyTorch. Parses and checks the options, then runs a
 * {@link GreedyJob} on the chosen engine (the reference engine's adapter is here, where both engines are
 * in reach); the job says what is read and written.
 */
@Command(name = "greedy", description = "Greedy forward selection of neurons on features and a target given as .npy files.")
final class GreedyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--features", required = true, paramLabel = "PHI.npy",
            description = "N×m matrix, row i = outputs of neuron i on the m points (<f4, <f8, <i4 or <i8, C order)")
    Path features;

    @Option(names = "--target", required = true, paramLabel = "Y.npy", description = "target of length m (shape (m,) or (m, 1))")
    Path target;

    @Option(names = "--steps", required = true, paramLabel = "K", description = "number of greedy steps, K ≥ 1")
    int steps;

    @Option(names = "--without-replacement", description = "choose each neuron at most once (then K ≤ N)")
    boolean withoutReplacement;

    @Option(names = "--candidates", paramLabel = "C", description = "evaluate only C random candidates per step (needs --seed)")
    Integer candidates;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the random candidates")
    Long seed;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "scaled",
            description = "reference (EJML, float64) or scaled (ND4J) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--precision", paramLabel = "P",
            description = "float32 or float64 for the scaled engine (default: float32; the reference engine is float64)")
    String precision;

    @Option(names = "--out", required = true, paramLabel = "OUT.json", description = "where to write the result")
    Path out;

    @Override
    public Integer call() {
        validateOptions();
        GreedyJob.Config config = new GreedyJob.Config(features, target, steps,
                withoutReplacement ? Replacement.WITHOUT : Replacement.WITH, candidates, seed, out);
        GreedyJob.Engine run = engine.equals("reference") ? REFERENCE
                : GreedyJob.scaled(precision == null ? Precision.FLOAT32 : Precision.parse(precision));
        new GreedyJob(config, run).run(spec.commandLine().getOut());
        return 0;
    }

    /** The reference engine's greedy forward selection (EJML, float64), for the job. */
    private static final GreedyJob.Engine REFERENCE = new GreedyJob.Engine("reference engine, float64", (phiArray, y, c) -> {
        long[] ps = phiArray.shape();
        int n = Math.toIntExact(ps[0]);
        int m = Math.toIntExact(ps[1]);
        DMatrixRMaj phi = new DMatrixRMaj(n, m);
        for (int k = 0; k < n * m; k++) {
            phi.data[k] = phiArray.getDouble(k);
        }
        GreedyJob.requireFinite(phi.data, c.features());
        SplittableRandom random = c.candidates() == null ? null : new SplittableRandom(c.seed());
        if (c.replacement() == Replacement.WITHOUT) {
            return c.candidates() == null ? GreedyForwardSelection.withoutReplacement(phi, y, c.steps())
                    : GreedyForwardSelection.withoutReplacement(phi, y, c.steps(), c.candidates(), random);
        }
        return c.candidates() == null ? GreedyForwardSelection.withReplacement(phi, y, c.steps())
                : GreedyForwardSelection.withReplacement(phi, y, c.steps(), c.candidates(), random);
    });

    private void validateOptions() {
        OutputLocations.check("--out", out, java.util.Map.of("--features", features, "--target", target));
        if (java.nio.file.Files.isDirectory(out)) {
            throw new Main.UsageError("--out " + out + " is a folder; expected the name of a JSON file");
        }
        if (steps < 1) {
            throw new Main.UsageError("--steps must be ≥ 1, got " + steps);
        }
        // The path keeps a neuron index and a loss per step, and the output lists both (about 40 bytes a step).
        long pathBytes = 52L * steps;
        if (pathBytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new Main.UsageError(String.format(Locale.ROOT, "--steps %d: the path and its output would need about %.1f GiB,"
                    + " more than half of the %.1f GiB heap; choose fewer steps (or raise -Xmx through PRUNEPROOF_JAVA_OPTS)",
                    steps, pathBytes / 1073741824.0, Runtime.getRuntime().maxMemory() / 1073741824.0));
        }
        if (!engine.equals("reference") && !engine.equals("scaled")) {
            throw new Main.UsageError("--engine must be reference or scaled, got '" + engine + "'");
        }
        if (precision != null) {
            try {
                Precision p = Precision.parse(precision);
                if (engine.equals("reference") && p != Precision.FLOAT64) {
                    throw new Main.UsageError("the reference engine computes in float64 only; drop --precision or use --engine scaled");
                }
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--precision: " + e.getMessage());
            }
        }
        if (candidates != null && candidates < 1) {
            throw new Main.UsageError("--candidates must be ≥ 1, got " + candidates);
        }
        if (candidates != null && seed == null) {
            throw new Main.UsageError("--candidates needs --seed S: the candidates of each step are drawn at random");
        }
        if (candidates == null && seed != null) {
            throw new Main.UsageError("--seed is used only with --candidates C");
        }
    }
}
