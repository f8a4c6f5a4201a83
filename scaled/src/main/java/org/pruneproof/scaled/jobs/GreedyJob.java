package org.pruneproof.scaled.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.CandidateSampler;
import org.pruneproof.scaled.greedy.Features;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.scaled.greedy.ScaledGreedySelection;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyFormatException;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * The greedy job: greedy forward selection (Ye et al. 2020) on arrays from NumPy or PyTorch. Features Φ are an
 * N×m {@code .npy} matrix (row i = outputs of neuron i on the m points), the target y has length m. Each step adds
 * the neuron (with or without replacement; among C random candidates when {@code candidates} is set, drawn from
 * {@code seed}) that minimises the mean squared error of the averaged subnetwork, ℓ(S) = (1/m)‖y − (1/|S|)Σ_{i∈S} φ_i‖².
 * The output is a JSON file {@code {"selected": [0-based indices in order], "loss": [ℓ after each step]}},
 * written atomically.
 *
 * <p>The selection runs on an {@link Engine}: {@link #scaled(Precision)} here; a caller that also has the reference
 * engine (the command line) passes its own, so the two engines stay independent of each other.
 */
public final class GreedyJob {

    /**
     * Validated options of one run.
     *
     * @param candidates C random candidates per step, or null for every neuron
     * @param seed       seed of the candidates (set exactly when {@code candidates} is)
     */
    public record Config(Path features, Path target, int steps, Replacement replacement, Integer candidates, Long seed, Path out) {
    }

    /** One greedy selection: Φ as read, the checked target y, the options; returns the path. */
    @FunctionalInterface
    public interface Selector {
        GreedyPath select(NpyArray phi, double[] y, Config config);
    }

    /**
     * The engine that runs the selection.
     *
     * @param description what the result line says, e.g. {@code scaled engine, float32}
     */
    public record Engine(String description, Selector selector) {
    }

    /** The scaled (ND4J) engine in the given precision. */
    public static Engine scaled(Precision p) {
        return new Engine("scaled engine, " + p.label(), (phiArray, y, c) -> {
            Features phi;
            try {
                phi = Features.of(phiArray, p);
            } catch (IllegalArgumentException e) {
                throw new JobInputException(c.features() + ": " + e.getMessage());
            }
            CandidateSampler sampler = c.candidates() == null ? null : new CandidateSampler(c.candidates(), new SplittableRandom(c.seed()));
            return ScaledGreedySelection.run(phi, y, c.steps(), c.replacement(), sampler);
        });
    }

    private final Config c;
    private final Engine engine;

    public GreedyJob(Config config, Engine engine) {
        this.c = config;
        this.engine = engine;
    }

    /** Reads and checks the arrays, runs the selection, writes the JSON file and prints one line of result to {@code out}. */
    public void run(PrintWriter out) {
        NpyArray phiArray = read(c.features());
        long[] ps = phiArray.shape();
        if (ps.length != 2 || ps[0] < 1 || ps[1] < 1) {
            throw new JobInputException(c.features() + ": expected a matrix N×m with N, m ≥ 1 (row i = outputs of neuron i on the"
                    + " m points), got shape " + shape(ps));
        }
        int n = Math.toIntExact(ps[0]);
        int m = Math.toIntExact(ps[1]);
        double[] y = readTarget(m);
        if (c.replacement() == Replacement.WITHOUT && c.steps() > n) {
            throw new JobInputException("--steps " + c.steps() + " is more than the N = " + n + " neurons of " + c.features()
                    + "; without replacement each neuron is chosen at most once");
        }
        GreedyPath path = engine.selector().select(phiArray, y, c);
        double[] loss = path.loss();
        write(path.selected(), loss);
        out.printf(Locale.ROOT, "greedy: %d steps on N = %d neurons, m = %d points (%s); final loss %.6g; wrote %s%n",
                c.steps(), n, m, engine.description(), loss[loss.length - 1], c.out());
    }

    /** Every element finite, else a {@link JobInputException} naming the file and the first bad element. */
    public static void requireFinite(double[] v, Path file) {
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new JobInputException(file + ": element " + k + " (C order) is not finite: " + v[k]);
            }
        }
    }

    private static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (NpyFormatException e) {
            throw new JobInputException(e.getMessage());
        }
    }

    private double[] readTarget(int m) {
        NpyArray t = read(c.target());
        long[] s = t.shape();
        boolean vector = (s.length == 1 && s[0] == m) || (s.length == 2 && s[0] == m && s[1] == 1);
        if (!vector) {
            throw new JobInputException(c.target() + ": expected a target of length m = " + m + " (shape (" + m + ",) or ("
                    + m + ", 1)) to match " + c.features() + ", got shape " + shape(s));
        }
        double[] y = t.toDoubles();
        requireFinite(y, c.target());
        return y;
    }

    private static String shape(long[] s) {
        return Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    private void write(int[] selected, double[] loss) {
        ObjectNode root = JsonFiles.mapper().createObjectNode();
        ArrayNode sel = root.putArray("selected");
        for (int i : selected) {
            sel.add(i);
        }
        ArrayNode l = root.putArray("loss");
        for (double v : loss) {
            l.add(v);
        }
        JsonFiles.write(c.out(), root);
    }
}
