package org.pruneproof.scaled.pruning;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.theory.pruning.PruningMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning at initialisation of a fully connected {@link DenseNetwork} (docs/theory/hayou2021.md), the
 * computation behind {@code pruneproof prune-at-init}:
 * <ol>
 *   <li>scores per weight, by {@link InitPruning#layerScores}: random (i.i.d. uniform on [0, 1) from
 *       {@code new SplittableRandom(seed)}, layer by layer, row-major), MBP |W|, or SNIP/SBP
 *       |W ⊙ ∂loss/∂W| with loss the mean softmax cross-entropy of the batch (one forward, one
 *       backward pass, {@link DenseNetwork#lossAndGradients});</li>
 *   <li>one global threshold over all layers, {@link ScaledGlobalThreshold}: exactly round((1 − s)·M)
 *       weights kept, the largest scores, ties to the lower position (layers in order, then
 *       row-major); the exact critical sparsity s_cr and the layer that collapses first;</li>
 *   <li>the pruned weights δ ⊙ W, and for SBP-SR the rescaling trick of §4.3: every row i of layer l
 *       with a kept weight is multiplied by ρ_i = √(σ_{w,l}² / Σ_j W_ij²·δ_ij), so that its kept
 *       squared norm is σ_{w,l}² ({@link ScaledKernelRescaling} with a 1×1 kernel, the same rule as the
 *       reference engine's {@code Rescaling.restoreRowNorms}); a row with nothing kept cannot be
 *       rescaled, stays zero and is reported as dead.</li>
 * </ol>
 * Scores and weights are returned in double whatever the working precision of the network.
 */
public final class DensePruning {

    private static final Logger LOG = LoggerFactory.getLogger(DensePruning.class);

    private DensePruning() {
    }

    /**
     * The scores of every layer of {@code net}, row-major.
     *
     * @param inputs the batch, B×d (SNIP and SBP-SR only; may be null otherwise)
     * @param labels its labels in [0, classes) (SNIP and SBP-SR only)
     * @param seed   seed of the random scores (random only)
     */
    public static double[][] scores(DenseNetwork net, PruningMethod method, INDArray inputs, int[] labels, long seed) {
        return scoresAndLoss(net, method, inputs, labels, seed).scores;
    }

    /**
     * Scores, selects and (for SBP-SR) rescales.
     *
     * @param sparsity      s ∈ [0, 1]
     * @param targetNorms2  SBP-SR only: σ_{w,l}², the squared norm each kept row of layer l is restored to
     *                      (one per layer); ignored (may be null) for the other methods
     */
    public static DensePruningResult prune(DenseNetwork net, PruningMethod method, double sparsity, INDArray inputs,
                                           int[] labels, long seed, double[] targetNorms2) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(method, "method");
        if (method.restoresNorms(false)) {
            Objects.requireNonNull(targetNorms2, "sbp-sr needs the target squared row norms σ_w² of every layer");
            if (targetNorms2.length != net.depth()) {
                throw new IllegalArgumentException("expected " + net.depth() + " target row norms (one per layer), got "
                        + targetNorms2.length);
            }
            for (int l = 0; l < targetNorms2.length; l++) {
                if (!(targetNorms2[l] > 0) || Double.isInfinite(targetNorms2[l])) {
                    throw new IllegalArgumentException("target squared row norm of layer " + (l + 1)
                            + " must be positive and finite, got " + targetNorms2[l]);
                }
            }
        }
        ScoresAndLoss sl = scoresAndLoss(net, method, inputs, labels, seed);
        requireFinite(method, sl.scores);
        GlobalSelection sel = ScaledGlobalThreshold.select(sl.scores, sparsity);
        double[][] weights = new double[net.depth()][];
        int[][] dead = new int[net.depth()][];
        for (int l = 0; l < net.depth(); l++) {
            INDArray w = net.weight(l + 1);
            double[] v = w.dup('c').data().asDouble();
            boolean[] keep = sel.keep()[l];
            if (method.restoresNorms(false)) {
                dead[l] = ScaledKernelRescaling.rescale(v, keep, (int) w.rows(), (int) w.columns(), 1, 1, targetNorms2[l]);
            } else {
                for (int k = 0; k < v.length; k++) {
                    if (!keep[k]) {
                        v[k] = 0;
                    }
                }
                dead[l] = new int[0];
            }
            weights[l] = v;
            LOG.debug("{} layer {}: kept {} of {} weights", method.cliName(), l + 1, sel.keptPerLayer()[l], v.length);
        }
        LOG.info("{}: kept {} of {} weights; s_cr = {} (layer {} collapses first)", method.cliName(), sel.kept(),
                sel.total(), sel.criticalSparsity(), sel.collapsedLayer() + 1);
        return new DensePruningResult(method, sparsity, sl.scores, sel, weights, dead, sl.loss);
    }

    private record ScoresAndLoss(double[][] scores, double loss) {
    }

    private static void requireFinite(PruningMethod method, double[][] scores) {
        for (int l = 0; l < scores.length; l++) {
            for (int k = 0; k < scores[l].length; k++) {
                if (!Double.isFinite(scores[l][k])) {
                    throw new NonFiniteScoresException(method.cliName() + " score " + k + " of layer " + (l + 1) + " is "
                            + scores[l][k] + ": the weights or inputs overflow double precision; rescale them");
                }
            }
        }
    }

    private static ScoresAndLoss scoresAndLoss(DenseNetwork net, PruningMethod method, INDArray inputs, int[] labels, long seed) {
        List<INDArray> grads = null;
        double loss = Double.NaN;
        if (method.needsGradients()) {
            Objects.requireNonNull(inputs, method.cliName() + " needs a batch of inputs");
            Objects.requireNonNull(labels, method.cliName() + " needs the labels of the batch");
            LOG.info("{}: forward and backward pass on a batch of {} ({} layers, {})", method.cliName(), inputs.rows(),
                    net.depth(), net.precision().label());
            DenseNetwork.LossAndGradients lg = net.lossAndGradients(inputs, labels);
            grads = lg.weightGradients();
            loss = lg.loss();
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] scores = new double[net.depth()][];
        for (int l = 0; l < net.depth(); l++) {
            double[] w = net.weight(l + 1).dup('c').data().asDouble();
            double[] g = grads == null ? null : grads.get(l).dup('c').data().asDouble();
            scores[l] = InitPruning.layerScores(method, w, g, random);
        }
        return new ScoresAndLoss(scores, loss);
    }
}
