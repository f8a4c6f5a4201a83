package org.pruneproof.verification.gen;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.GaussianMatrices;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Shrinker;

/**
 * A small fully connected network at initialisation (reference {@link Network#initialise}), a labelled Gaussian
 * batch, a criterion and a sparsity: one instance of {@code crosscheck.pruning-scores}. Weights and batch are drawn
 * from {@code seed}, so the record is a complete, replayable instance.
 *
 * <p>{@code ties} plants exact ties: {@code none}; {@code quantized} (every weight rounded to a multiple of
 * σ_w/(2√fan-in): many equal |W|, and zero weights); {@code duplicated} (input coordinate 1 equals coordinate 0 on
 * every point, and in every layer but the last unit 1 is a copy of unit 0 — same incoming row and bias — and the
 * next layer's column 1 a copy of column 0, so pairs of SNIP scores are equal in exact arithmetic but may differ in
 * the last bit between engines).
 *
 * @param activation relu or tanh
 * @param inputDim   d
 * @param width      N (hidden width)
 * @param depth      number of weight layers L ≥ 1
 * @param outputs    classes (1 class: every SNIP score is exactly 0, all tied)
 * @param batch      B
 * @param sigmaB     σ_b
 * @param sigmaW     σ_w (initialisation and SBP-SR target: every kept row restored to squared norm σ_w²)
 * @param sparsity   s ∈ [0, 1]
 * @param method     a pruning method's command-line name ({@link PruningMethod#cliName()})
 * @param ties       none, quantized or duplicated
 * @param seed       seed of weights, batch and labels (random scores: seed + 1)
 */
public record PruningScoresInstance(String activation, int inputDim, int width, int depth, int outputs, int batch,
                                    double sigmaB, double sigmaW, double sparsity, String method, String ties, long seed) {

    /**
     * Every method of the registry, then those that need gradients once more (their scores are the subtle ones);
     * today random, magnitude, snip, sbp-sr, snip, sbp-sr. A new method changes which method a seed draws.
     */
    private static final String[] METHODS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(PruningMethod.values()),
            java.util.Arrays.stream(PruningMethod.values()).filter(PruningMethod::needsGradients))
            .map(PruningMethod::cliName).toArray(String[]::new);

    /** The shape: fully connected, d → N → … → outputs. */
    public NetworkShape shape() {
        return NetworkShape.fullyConnected(inputDim, width, depth, outputs);
    }

    /** The network at initialisation, with the planted ties. */
    public Network network() {
        Network net = Network.initialise(shape(), Activations.byName(activation), sigmaB, sigmaW, new SplittableRandom(seed));
        DMatrixRMaj[] w = net.copyWeights();
        double[][] b = new double[net.layers()][];
        for (int l = 0; l < b.length; l++) {
            b[l] = net.biases()[l].clone();
        }
        if (ties.equals("quantized")) {
            for (int l = 0; l < w.length; l++) {
                double q = sigmaW / (2 * Math.sqrt(w[l].numCols));
                for (int k = 0; k < w[l].numRows * w[l].numCols; k++) {
                    w[l].data[k] = q * Math.rint(w[l].data[k] / q);
                }
            }
        } else if (ties.equals("duplicated")) {
            if (inputDim >= 2) {
                copyColumn(w[0], 0, 1);
            }
            for (int l = 0; l + 1 < w.length; l++) {
                if (w[l].numRows >= 2) {
                    for (int j = 0; j < w[l].numCols; j++) {
                        w[l].set(1, j, w[l].get(0, j));
                    }
                    b[l][1] = b[l][0];
                    copyColumn(w[l + 1], 0, 1);
                }
            }
        }
        return new Network(net.shape(), net.activation(), sigmaB, sigmaW, w, b);
    }

    private static void copyColumn(DMatrixRMaj m, int from, int to) {
        for (int i = 0; i < m.numRows; i++) {
            m.set(i, to, m.get(i, from));
        }
    }

    /** The batch, d × B with N(0, 1) entries (row 1 a copy of row 0 under {@code duplicated} ties). */
    public DMatrixRMaj inputs() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        DMatrixRMaj x = GaussianMatrices.of(r, inputDim, batch, 1);
        if (ties.equals("duplicated") && inputDim >= 2) {
            for (int j = 0; j < batch; j++) {
                x.set(1, j, x.get(0, j));
            }
        }
        return x;
    }

    /** Labels uniform in [0, outputs), from a stream independent of weights and inputs. */
    public int[] labels() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] y = new int[batch];
        for (int j = 0; j < batch; j++) {
            y[j] = r.nextInt(outputs);
        }
        return y;
    }

    /** Random instances, sizes growing with the size parameter; 15 % edge cases (depth 1, width 1, one point). */
    public static Gen<PruningScoresInstance> generator() {
        Gen<PruningScoresInstance> main = (r, size) -> {
            int upper = Gens.sizedUpper(2, 16, size);
            double u = r.nextDouble();
            String ties = u < 0.6 ? "none" : u < 0.8 ? "duplicated" : "quantized";
            double s = r.nextInt(8) == 0 ? new double[] {0, 0.5, 0.99, 1}[r.nextInt(4)] : r.nextDouble();
            return new PruningScoresInstance(r.nextBoolean() ? "relu" : "tanh", 1 + r.nextInt(upper), 1 + r.nextInt(upper),
                    1 + r.nextInt(Gens.sizedUpper(1, 6, size)), 1 + r.nextInt(Math.min(upper, 6)), 1 + r.nextInt(8),
                    r.nextInt(4) == 0 ? 0 : 0.5 * r.nextDouble(), 0.3 + 2.7 * r.nextDouble(), s, METHODS[r.nextInt(METHODS.length)],
                    ties, r.nextLong());
        };
        Gen<PruningScoresInstance> edges = (r, size) -> {
            PruningScoresInstance v = main.generate(r, size);
            return switch (r.nextInt(3)) {
                case 0 -> v.with(1, v.width, v.inputDim, v.outputs, v.batch);
                case 1 -> v.with(v.depth, 1, v.inputDim, v.outputs, v.batch);
                default -> v.with(v.depth, v.width, v.inputDim, v.outputs, 1);
            };
        };
        return main.withEdgeCases(0.15, edges);
    }

    /** Fewer layers, narrower, fewer inputs, classes and points, then simpler σ's, s = 0.5 and no planted ties. */
    public static Shrinker<PruningScoresInstance> shrinker() {
        return v -> Stream.of(
                v.depth > 1 ? v.with(v.depth - 1, v.width, v.inputDim, v.outputs, v.batch) : null,
                v.width > 1 ? v.with(v.depth, v.width / 2, v.inputDim, v.outputs, v.batch) : null,
                v.width > 1 ? v.with(v.depth, v.width - 1, v.inputDim, v.outputs, v.batch) : null,
                v.inputDim > 1 ? v.with(v.depth, v.width, v.inputDim / 2, v.outputs, v.batch) : null,
                v.inputDim > 1 ? v.with(v.depth, v.width, v.inputDim - 1, v.outputs, v.batch) : null,
                v.outputs > 1 ? v.with(v.depth, v.width, v.inputDim, v.outputs - 1, v.batch) : null,
                v.batch > 1 ? v.with(v.depth, v.width, v.inputDim, v.outputs, v.batch - 1) : null,
                v.sigmaB != 0 ? new PruningScoresInstance(v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch, 0,
                        v.sigmaW, v.sparsity, v.method, v.ties, v.seed) : null,
                v.sigmaW != 1 ? new PruningScoresInstance(v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch,
                        v.sigmaB, 1, v.sparsity, v.method, v.ties, v.seed) : null,
                v.sparsity != 0.5 ? new PruningScoresInstance(v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch,
                        v.sigmaB, v.sigmaW, 0.5, v.method, v.ties, v.seed) : null,
                !v.ties.equals("none") ? new PruningScoresInstance(v.activation, v.inputDim, v.width, v.depth, v.outputs,
                        v.batch, v.sigmaB, v.sigmaW, v.sparsity, v.method, "none", v.seed) : null).filter(Objects::nonNull);
    }

    private PruningScoresInstance with(int d, int n, int in, int out, int b) {
        return new PruningScoresInstance(activation, in, n, d, out, b, sigmaB, sigmaW, sparsity, method, ties, seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s L=%d d=%d N=%d K=%d B=%d s=%.4g ties=%s", method, activation, depth,
                inputDim, width, outputs, batch, sparsity, ties);
    }
}
