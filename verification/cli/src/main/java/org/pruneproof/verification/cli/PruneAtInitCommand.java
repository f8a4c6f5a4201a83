package org.pruneproof.verification.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyType;
import org.pruneproof.scaled.jobs.DenseInputs;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.scaled.pruning.DensePruning;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.InitMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pruneproof prune-at-init --method random|magnitude|snip|sbp-sr --sparsity S --weights DIR --inputs X.npy
 * --labels Y.npy [--activation relu|tanh] [--seed S] [--sigma-w σ] --out DIR2}: pruning at initialisation of a fully
 * connected network given as .npy files (hayou2021.md §3, §4.3, §5), computed by the scaled engine
 * ({@link DensePruning}) in float64.
 *
 * <p>The network: h⁰ = x, z^l = W^l h^{l−1} + b^l, h^l = φ(z^l) for l &lt; L, logits z^L; the loss is the mean
 * softmax cross-entropy of the batch. Scores: random (uniform from the seed), magnitude |W|, snip and sbp-sr
 * |W ⊙ ∂loss/∂W|. Exactly round((1 − S)·M) weights are kept, ties to the lower position. For sbp-sr every row with a
 * kept weight is rescaled to squared norm σ_{w,l}²: σ_w² from {@code --sigma-w}, or by default each layer's own
 * mean squared row norm before pruning, ‖W^l‖_F²/out_l (for weights drawn N(0, σ_w²/in) this estimates σ_w²).
 *
 * <p>DIR2 receives M1.npy … ML.npy (0/1 masks), S1.npy … SL.npy (scores, float64), for sbp-sr the rescaled W1.npy …
 * WL.npy, and summary.json; masks and weights in the float type of the W files (float64 for integer files). DIR2 is
 * written atomically: everything goes to a temporary folder beside it, which is then renamed.
 */
@Command(name = "prune-at-init", description = "Prune a fully connected network at initialisation (random, magnitude, snip, sbp-sr) from .npy files.")
final class PruneAtInitCommand implements Callable<Integer> {

    private static final Pattern OUTPUT_FILE = Pattern.compile("[MSW][0-9]+\\.npy|summary\\.json");

    @Spec
    CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "random, magnitude, snip or sbp-sr")
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
        InitMethod m = validateOptions();
        DenseNetwork.HiddenActivation phi = DenseNetwork.HiddenActivation.parse(activation);
        checkOutputFolder();
        DenseInputs in = DenseInputs.read(weights, inputs, labels);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = in.biases() == null ? null : new ArrayList<>();
        double[] targets = new double[in.depth()];
        for (int l = 0; l < in.depth(); l++) {
            int[] s = in.shapes().get(l);
            double[] v = in.weights().get(l);
            w.add(Nd4j.create(v, new long[] {s[0], s[1]}, DataType.DOUBLE));
            if (b != null) {
                b.add(Nd4j.create(in.biases().get(l), new long[] {s[0]}, DataType.DOUBLE));
            }
            targets[l] = sigmaW != null ? sigmaW * sigmaW : meanSquaredRowNorm(v, s[0]);
            if (m == InitMethod.SBP_SR && !(targets[l] > 0)) {
                throw new Main.UsageError(weights.resolve("W" + (l + 1) + ".npy") + ": all weights are 0, so σ_w cannot be"
                        + " estimated from it for sbp-sr; give --sigma-w");
            }
        }
        DenseNetwork net = new DenseNetwork(w, b, phi, Precision.FLOAT64);
        int d = in.shapes().get(0)[1];
        INDArray x = Nd4j.create(in.inputs(), new long[] {in.batch(), d}, DataType.DOUBLE);
        DensePruningResult r = DensePruning.prune(net, m, sparsity, x, in.labels(), seed, targets);
        write(in, r, targets);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "prune-at-init %s: kept %d of %d weights (s = %s); s_cr = %.6g, layer %d collapses first; wrote %s%n",
                m.cliName(), r.selection().kept(), r.selection().total(), sparsity, r.selection().criticalSparsity(),
                r.selection().collapsedLayer() + 1, out);
        return 0;
    }

    private InitMethod validateOptions() {
        InitMethod m;
        try {
            m = InitMethod.parse(method);
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
        if (sigmaW != null && m != InitMethod.SBP_SR) {
            throw new Main.UsageError("--sigma-w is used only by --method sbp-sr");
        }
        if (sigmaW != null && !(sigmaW > 0 && Double.isFinite(sigmaW))) {
            throw new Main.UsageError("--sigma-w must be positive and finite, got " + sigmaW);
        }
        return m;
    }

    /** ‖W‖_F²/out: the mean squared row norm, σ_w²'s estimate for W ~ N(0, σ_w²/in). */
    static double meanSquaredRowNorm(double[] w, int rows) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return sum / rows;
    }

    /** DIR2 may be new, or a folder holding only files this command writes (it is then replaced). */
    private void checkOutputFolder() {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new Main.UsageError(out + ": exists and is not a folder");
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!OUTPUT_FILE.matcher(p.getFileName().toString()).matches() || !Files.isRegularFile(p)) {
                    throw new Main.UsageError(out + ": exists and holds " + p.getFileName()
                            + ", which prune-at-init does not write; choose another --out or empty it");
                }
            }
        } catch (IOException e) {
            throw new Main.UsageError(out + ": cannot list the folder: " + e.getMessage());
        }
    }

    private void write(DenseInputs in, DensePruningResult r, double[] targets) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
            for (int l = 0; l < in.depth(); l++) {
                int[] s = in.shapes().get(l);
                long[] shape = {s[0], s[1]};
                boolean f32 = in.types().get(l) == NpyType.FLOAT32;
                boolean[] keep = r.selection().keep()[l];
                double[] mask = new double[keep.length];
                for (int k = 0; k < keep.length; k++) {
                    mask[k] = keep[k] ? 1 : 0;
                }
                Npy.write(tmp.resolve("M" + (l + 1) + ".npy"), array(mask, shape, f32));
                Npy.write(tmp.resolve("S" + (l + 1) + ".npy"), NpyArray.ofDoubles(r.scores()[l], shape));
                if (r.method() == InitMethod.SBP_SR) {
                    Npy.write(tmp.resolve("W" + (l + 1) + ".npy"), array(r.weights()[l], shape, f32));
                }
            }
            Files.writeString(tmp.resolve("summary.json"), summary(in, r, targets), StandardCharsets.UTF_8);
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Main.UsageError(out + ": cannot write the results: " + e.getMessage());
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static NpyArray array(double[] v, long[] shape, boolean f32) {
        if (!f32) {
            return NpyArray.ofDoubles(v, shape);
        }
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return NpyArray.ofFloats(f, shape);
    }

    private String summary(DenseInputs in, DensePruningResult r, double[] targets) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("kept", r.selection().kept());
        root.put("total", r.selection().total());
        root.put("criticalSparsity", r.selection().criticalSparsity());
        root.put("collapsedLayer", r.selection().collapsedLayer() + 1);
        root.put("method", r.method().cliName());
        root.put("sparsity", sparsity);
        root.put("activation", activation.toLowerCase(Locale.ROOT));
        root.put("seed", seed);
        root.put("engine", "scaled (ND4J), float64");
        if (!Double.isNaN(r.loss())) {
            root.put("loss", r.loss());
        }
        ArrayNode perLayer = root.putArray("keptPerLayer");
        for (long k : r.selection().keptPerLayer()) {
            perLayer.add(k);
        }
        if (r.method() == InitMethod.SBP_SR) {
            root.put("sigmaW2Source", sigmaW != null ? "--sigma-w" : "mean squared row norm of each layer before pruning");
            ArrayNode t = root.putArray("sigmaW2");
            for (double v : targets) {
                t.add(v);
            }
            ArrayNode dead = root.putArray("deadRows");
            for (int l = 0; l < r.deadRows().length; l++) {
                for (int row : r.deadRows()[l]) {
                    dead.addObject().put("layer", l + 1).put("row", row);
                }
            }
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // leave it: a hidden temporary folder beside DIR2
        }
    }
}
