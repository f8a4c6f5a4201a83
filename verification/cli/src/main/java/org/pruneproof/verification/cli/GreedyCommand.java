package org.pruneproof.verification.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.CandidateSampler;
import org.pruneproof.scaled.greedy.Features;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.scaled.greedy.ScaledGreedySelection;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyFormatException;
import org.pruneproof.theory.greedy.GreedyPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pruneproof greedy --features PHI.npy --target Y.npy --steps K [--without-replacement]
 * [--candidates C --seed S] [--engine reference|scaled] [--precision float32|float64] --out OUT.json}:
 * greedy forward selection on arrays from NumPy or PyTorch. PHI is N×m (row i = outputs of neuron i
 * on the m points), Y has length m. OUT.json is {@code {"selected": [0-based indices in order],
 * "loss": [mean squared error after each step]}}, written atomically.
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
        NpyArray phiArray = read(features);
        long[] ps = phiArray.shape();
        if (ps.length != 2 || ps[0] < 1 || ps[1] < 1) {
            throw new Main.UsageError(features + ": expected a matrix N×m with N, m ≥ 1 (row i = outputs of neuron i on the"
                    + " m points), got shape " + shape(ps));
        }
        int n = Math.toIntExact(ps[0]);
        int m = Math.toIntExact(ps[1]);
        double[] y = readTarget(m);
        if (withoutReplacement && steps > n) {
            throw new Main.UsageError("--steps " + steps + " is more than the N = " + n + " neurons of " + features
                    + "; without replacement each neuron is chosen at most once");
        }
        int[] selected;
        double[] loss;
        String how;
        if (engine.equals("reference")) {
            DMatrixRMaj phi = new DMatrixRMaj(n, m);
            for (int k = 0; k < n * m; k++) {
                phi.data[k] = phiArray.getDouble(k);
            }
            requireFinite(phi.data, features);
            SplittableRandom random = candidates == null ? null : new SplittableRandom(seed);
            GreedyPath path;
            if (withoutReplacement) {
                path = candidates == null ? GreedyForwardSelection.withoutReplacement(phi, y, steps)
                        : GreedyForwardSelection.withoutReplacement(phi, y, steps, candidates, random);
            } else {
                path = candidates == null ? GreedyForwardSelection.withReplacement(phi, y, steps)
                        : GreedyForwardSelection.withReplacement(phi, y, steps, candidates, random);
            }
            selected = path.selected();
            loss = path.loss();
            how = "reference engine, float64";
        } else {
            Precision p = precision == null ? Precision.FLOAT32 : Precision.parse(precision);
            Features phi;
            try {
                phi = Features.of(phiArray, p);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError(features + ": " + e.getMessage());
            }
            CandidateSampler sampler = candidates == null ? null : new CandidateSampler(candidates, new SplittableRandom(seed));
            GreedyPath run = ScaledGreedySelection.run(phi, y, steps,
                    withoutReplacement ? Replacement.WITHOUT : Replacement.WITH, sampler);
            selected = run.selected();
            loss = run.loss();
            how = "scaled engine, " + p.label();
        }
        write(selected, loss);
        spec.commandLine().getOut().printf(Locale.ROOT, "greedy: %d steps on N = %d neurons, m = %d points (%s); final loss %.6g; wrote %s%n",
                steps, n, m, how, loss[loss.length - 1], out);
        return 0;
    }

    private void validateOptions() {
        if (steps < 1) {
            throw new Main.UsageError("--steps must be ≥ 1, got " + steps);
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

    private static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (NpyFormatException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    private double[] readTarget(int m) {
        NpyArray t = read(target);
        long[] s = t.shape();
        boolean vector = (s.length == 1 && s[0] == m) || (s.length == 2 && s[0] == m && s[1] == 1);
        if (!vector) {
            throw new Main.UsageError(target + ": expected a target of length m = " + m + " (shape (" + m + ",) or ("
                    + m + ", 1)) to match " + features + ", got shape " + shape(s));
        }
        double[] y = t.toDoubles();
        requireFinite(y, target);
        return y;
    }

    private static void requireFinite(double[] v, Path file) {
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new Main.UsageError(file + ": element " + k + " (C order) is not finite: " + v[k]);
            }
        }
    }

    private static String shape(long[] s) {
        return Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    private void write(int[] selected, double[] loss) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode sel = root.putArray("selected");
        for (int i : selected) {
            sel.add(i);
        }
        ArrayNode l = root.putArray("loss");
        for (double v : loss) {
            l.add(v);
        }
        try {
            AtomicFiles.writeString(out, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the result as JSON", e);
        } catch (java.io.UncheckedIOException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }
}
