package org.pruneproof.scaled.pruning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.LayerCost;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.theory.pruning.PruningMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning at initialisation over all convolution and linear weights of a network (Hayou et al. 2021,
 * Sec. 3 and SBP-SR), with one global threshold ({@link ScaledGlobalThreshold}).
 *
 * <ul>
 *   <li>random: i.i.d. uniform scores from the seed;</li>
 *   <li>magnitude (MBP): g = |W|;</li>
 *   <li>SNIP (SBP): g = |W ⊙ ∂L/∂W|, L the mean softmax cross-entropy of one batch, one forward and
 *       one backward pass ({@code NetworkPass}, or the SameDiff graph under {@code -Dpruneproof.pass=samediff}) with batch norm in training mode (batch statistics, as a freshly built
 *       PyTorch model in train mode);</li>
 *   <li>SBP-SR: SNIP scores; for a ResNet the caller passes the Stable variant (branches ÷ √L), for
 *       other networks (VGG, MobileNetV2) the kept weights are rescaled by {@link ScaledKernelRescaling}.</li>
 * </ul>
 * Pruned weights are set to zero in place.
 */
public final class InitPruning {

    private static final Logger LOG = LoggerFactory.getLogger(InitPruning.class);

    private InitPruning() {
    }

    /**
     * Scores, selects and masks (and for SBP-SR on a non-ResNet, rescales) in place.
     *
     * @param weights  the network; modified
     * @param batch    the batch for SNIP/SBP-SR (ignored by random and magnitude)
     * @param seed     seed of the random scores
     */
    public static InitPruningResult prune(NetworkWeights weights, PruningMethod method, double sparsity, ImageBatch batch,
                                          long seed) {
        List<ParameterSpec> prunable = weights.prunable();
        double[][] scores = scores(weights, method, batch, seed);
        GlobalSelection sel = ScaledGlobalThreshold.select(scores, sparsity);
        Architecture arch = weights.architecture();
        boolean rescale = method.restoresNorms(arch.isResNet());
        Map<String, LayerCost> costs = new HashMap<>();
        for (LayerCost c : arch.costs()) {
            costs.put(c.layer(), c);
        }
        List<LayerPruning> lines = new ArrayList<>();
        for (int l = 0; l < prunable.size(); l++) {
            ParameterSpec p = prunable.get(l);
            INDArray w = weights.get(p.name());
            double[] v = values(w);
            boolean[] keep = sel.keep()[l];
            if (rescale) {
                long[] s = p.shape();
                int kh = s.length == 4 ? (int) s[2] : 1;
                int kw = s.length == 4 ? (int) s[3] : 1;
                ScaledKernelRescaling.rescale(v, keep, (int) s[0], (int) s[1], kh, kw, NetworkWeights.SIGMA_W2);
            } else {
                for (int i = 0; i < v.length; i++) {
                    if (!keep[i]) {
                        v[i] = 0;
                    }
                }
            }
            INDArray pruned = Nd4j.create(v, p.shape(), DataType.DOUBLE);
            INDArray cast = pruned.castTo(w.dataType());
            w.assign(cast);
            OwnedArrays.closeAll(cast, pruned);
            LayerCost c = costs.get(p.layer());
            long kept = sel.keptPerLayer()[l];
            long removed = v.length - kept;
            long macsAfter = Math.round((double) c.macs() * kept / v.length);
            lines.add(new LayerPruning(p.layer(), c.kind(), v.length, kept, c.params(), c.params() - removed, c.macs(), macsAfter));
            LOG.info("{} {}: kept {}/{} weights ({})", method.cliName(), p.layer(), kept, v.length,
                    String.format("%.4f", (double) kept / v.length));
        }
        String collapsed = prunable.get(sel.collapsedLayer()).layer();
        LOG.info("{}: kept {} of {} weights; s_cr = {} (layer {} collapses first)", method.cliName(), sel.kept(), sel.total(),
                sel.criticalSparsity(), collapsed);
        return new InitPruningResult(method, sparsity, lines, sel.total(), sel.kept(), sel.criticalSparsity(), collapsed,
                sel.collapsedLayer() + 1);
    }

    /** The scores of every prunable layer, in forward order, each row-major (PyTorch layout). */
    public static double[][] scores(NetworkWeights weights, PruningMethod method, ImageBatch batch, long seed) {
        List<ParameterSpec> prunable = weights.prunable();
        double[][] scores = new double[prunable.size()][];
        Map<String, INDArray> grads = Map.of();
        NetworkGraph graph = null;
        NetworkPass pass = null;
        if (method.needsGradients()) {
            if (batch == null) {
                throw new IllegalArgumentException(method.cliName() + " needs a batch of data");
            }
            LOG.info("{}: forward and backward pass on a batch of {}", method.cliName(), batch.size());
            long start = System.nanoTime();
            if (NetworkPass.preferred()) {
                // the hand-built pass of custom ops (README decisions: measured faster and leaner than SameDiff's)
                pass = NetworkPass.build(weights, NetworkGraph.Mode.TRAINING);
                grads = pass.lossAndGradients(batch.images(), batch.labels()).gradients();
            } else {
                graph = NetworkGraph.build(weights, NetworkGraph.Mode.TRAINING);
                grads = graph.gradients(batch.images(), batch.labels(), prunable.stream().map(ParameterSpec::name).toList());
            }
            LOG.info("{}: forward and backward pass took {} s", method.cliName(),
                    String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < prunable.size(); l++) {
            ParameterSpec p = prunable.get(l);
            double[] w = values(weights.get(p.name()));
            double[] g = method.needsGradients() ? values(grads.get(p.name())) : null;
            double[] s = layerScores(method, w, g, random);
            scores[l] = s;
        }
        if (graph != null) {
            // the pass's activations and gradients and SameDiff's cache: freed now, not when the GC finds them
            graph.close();
        }
        if (pass != null) {
            pass.close();
        }
        return scores;
    }

    /** An array's values in C order, as doubles (through a temporary copy that is closed at once). */
    private static double[] values(INDArray a) {
        INDArray c = a.dup('c');
        double[] v = c.data().asDouble();
        OwnedArrays.closeAll(c);
        return v;
    }

    /**
     * The scores of one layer's weights (any layout, element by element): random (i.i.d. uniform on
     * [0, 1) from {@code random}, in the order of {@code w}), |w| (MBP) or |w·g| (SNIP, SBP-SR).
     *
     * @param g ∂L/∂w in the layout of {@code w} (SNIP and SBP-SR only; may be null otherwise)
     */
    public static double[] layerScores(PruningMethod method, double[] w, double[] g, SplittableRandom random) {
        double[] s = new double[w.length];
        // A switch expression: a pruning method without a score function here does not compile.
        return switch (method) {
            case RANDOM -> {
                for (int i = 0; i < s.length; i++) {
                    s[i] = random.nextDouble();
                }
                yield s;
            }
            case MAGNITUDE -> {
                for (int i = 0; i < s.length; i++) {
                    s[i] = Math.abs(w[i]);
                }
                yield s;
            }
            case SNIP, SBP_SR -> {
                if (g == null || g.length != w.length) {
                    throw new IllegalArgumentException(method.cliName() + " needs one gradient per weight");
                }
                for (int i = 0; i < s.length; i++) {
                    s[i] = Math.abs(w[i] * g[i]);
                }
                yield s;
            }
        };
    }
}
