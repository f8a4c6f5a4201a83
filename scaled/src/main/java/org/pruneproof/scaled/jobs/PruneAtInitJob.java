package org.pruneproof.scaled.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyType;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.scaled.pruning.DensePruning;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.NonFiniteScoresException;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * The prune-at-init job: pruning at initialisation of a fully connected network given as .npy files
 * ({@link DenseInputs}), computed by the scaled engine ({@link DensePruning}) in float64.
 *
 * <p>The network: h⁰ = x, z^l = W^l h^{l−1} + b^l, h^l = φ(z^l) for l &lt; L, logits z^L; the loss is the mean
 * softmax cross-entropy of the batch. Scores: random (uniform from the seed), magnitude |W|, snip and sbp-sr
 * |W ⊙ ∂loss/∂W|. Exactly round((1 − S)·M) weights are kept, ties to the lower position. For sbp-sr every row with a
 * kept weight is rescaled to squared norm σ_{w,l}²: σ_w² from {@code sigmaW}, or by default each layer's own
 * mean squared row norm before pruning, ‖W^l‖_F²/out_l (for weights drawn N(0, σ_w²/in) this estimates σ_w²).
 *
 * <p>The output folder receives M1.npy … ML.npy (0/1 masks), S1.npy … SL.npy (scores, float64), for sbp-sr the
 * rescaled W1.npy … WL.npy, and summary.json; masks and weights in the float type of the W files (float64 for
 * integer files). It appears whole, with its manifest, or not at all ({@link OutputFolder}).
 */
public final class PruneAtInitJob {

    /**
     * Validated options of one run.
     *
     * @param sigmaW σ_w for sbp-sr's rescaling, or null for each layer's mean squared row norm
     */
    public record Config(PruningMethod method, double sparsity, Path weights, Path inputs, Path labels,
                         DenseNetwork.HiddenActivation activation, long seed, Double sigmaW, Path out) {
    }

    private final Config c;

    public PruneAtInitJob(Config config) {
        this.c = config;
    }

    /** Reads the inputs, prunes, writes the output folder and prints one line of result to {@code out}. */
    public void run(PrintWriter out) {
        PruningMethod m = c.method();
        try (OutputFolder folder = OutputFolder.create("--out", c.out(),
                Map.of("--weights", c.weights(), "--inputs", c.inputs(), "--labels", c.labels()))) {
            DenseInputs in = DenseInputs.read(c.weights(), c.inputs(), c.labels());
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
                targets[l] = c.sigmaW() != null ? c.sigmaW() * c.sigmaW() : meanSquaredRowNorm(v, s[0]);
                if (m.restoresNorms(false) && !(targets[l] > 0)) {
                    throw new JobInputException(c.weights().resolve("W" + (l + 1) + ".npy") + ": all weights are 0, so σ_w cannot be"
                            + " estimated from it for sbp-sr; give --sigma-w");
                }
            }
            DenseNetwork net = new DenseNetwork(w, b, c.activation(), Precision.FLOAT64);
            int d = in.shapes().get(0)[1];
            INDArray x = Nd4j.create(in.inputs(), new long[] {in.batch(), d}, DataType.DOUBLE);
            DensePruningResult r;
            try {
                r = DensePruning.prune(net, m, c.sparsity(), x, in.labels(), c.seed(), targets);
            } catch (NonFiniteScoresException e) {
                throw new JobInputException("--weights " + c.weights() + ", --inputs " + c.inputs() + ": " + e.getMessage());
            }
            write(folder, in, r, targets);
            out.printf(Locale.ROOT,
                    "prune-at-init %s: kept %d of %d weights (s = %s); s_cr = %.6g, layer %d collapses first; wrote %s%n",
                    m.cliName(), r.selection().kept(), r.selection().total(), c.sparsity(), r.selection().criticalSparsity(),
                    r.selection().collapsedLayer() + 1, c.out());
        }
    }

    /** ‖W‖_F²/out: the mean squared row norm, σ_w²'s estimate for W ~ N(0, σ_w²/in). */
    static double meanSquaredRowNorm(double[] w, int rows) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return sum / rows;
    }

    private void write(OutputFolder folder, DenseInputs in, DensePruningResult r, double[] targets) {
        for (int l = 0; l < in.depth(); l++) {
            int[] s = in.shapes().get(l);
            long[] shape = {s[0], s[1]};
            boolean f32 = in.types().get(l) == NpyType.FLOAT32;
            boolean[] keep = r.selection().keep()[l];
            double[] mask = new double[keep.length];
            for (int k = 0; k < keep.length; k++) {
                mask[k] = keep[k] ? 1 : 0;
            }
            Npy.write(folder.resolve("M" + (l + 1) + ".npy"), array(mask, shape, f32));
            Npy.write(folder.resolve("S" + (l + 1) + ".npy"), NpyArray.ofDoubles(r.scores()[l], shape));
            if (r.method().restoresNorms(false)) {
                Npy.write(folder.resolve("W" + (l + 1) + ".npy"), array(r.weights()[l], shape, f32));
            }
        }
        JsonFiles.write(folder.resolve("summary.json"), summary(r, targets));
        folder.commitListing("prune-at-init");
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

    private ObjectNode summary(DensePruningResult r, double[] targets) {
        ObjectNode root = JsonFiles.mapper().createObjectNode();
        root.put("kept", r.selection().kept());
        root.put("total", r.selection().total());
        root.put("criticalSparsity", r.selection().criticalSparsity());
        root.put("collapsedLayer", r.selection().collapsedLayer() + 1);
        root.put("method", r.method().cliName());
        root.put("sparsity", c.sparsity());
        root.put("activation", c.activation().name().toLowerCase(Locale.ROOT));
        root.put("seed", c.seed());
        root.put("engine", "scaled (ND4J), float64");
        if (!Double.isNaN(r.loss())) {
            root.put("loss", r.loss());
        }
        ArrayNode perLayer = root.putArray("keptPerLayer");
        for (long k : r.selection().keptPerLayer()) {
            perLayer.add(k);
        }
        if (r.method().restoresNorms(false)) {
            root.put("sigmaW2Source", c.sigmaW() != null ? "--sigma-w" : "mean squared row norm of each layer before pruning");
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
        return root;
    }
}
