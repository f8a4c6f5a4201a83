package org.pruneproof.scaled.pruning;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few steps of plain SGD, {@code θ ← θ − η·∇L(θ)} on fresh mini-batches (batch norm in training
 * mode), for fine-tuning a pruned network. Zero weights are kept at zero when {@code keepZeros}
 * (pruning at initialisation keeps its mask).
 */
public final class FineTuning {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuning.class);

    private FineTuning() {
    }

    /** Runs the steps in place and returns the loss of each step's batch before its update. */
    public static double[] sgd(NetworkWeights weights, BatchSource data, int steps, int batch, double learningRate,
                               boolean keepZeros) {
        boolean custom = NetworkPass.preferred();
        NetworkGraph g = custom ? null : NetworkGraph.build(weights, NetworkGraph.Mode.TRAINING);
        NetworkPass pass = custom ? NetworkPass.build(weights, NetworkGraph.Mode.TRAINING) : null;
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            ImageBatch b = data.next(batch);
            long start = System.nanoTime();
            // the loss and the gradients from one forward and one backward pass
            Map<String, INDArray> grads;
            if (custom) {
                NetworkPass.Result r = pass.lossAndGradients(b.images(), b.labels());
                losses[t] = r.loss();
                grads = new java.util.LinkedHashMap<>(r.gradients());
                grads.remove(NetworkPass.INPUT);
            } else {
                NetworkGraph.LossAndGradients lg = g.lossAndGradients(b.images(), b.labels(), java.util.List.of());
                losses[t] = lg.loss();
                grads = lg.gradients();
            }
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                INDArray w = weights.get(e.getKey());
                INDArray step = e.getValue().mul(learningRate);
                if (keepZeros) {
                    INDArray nonZero = w.neq(0);
                    INDArray mask = nonZero.castTo(w.dataType());
                    step.muli(mask);
                    OwnedArrays.closeAll(mask, nonZero);
                }
                w.subi(step);
                step.close();
            }
            // the pass's arrays (gradients included) and the batch: closed now, not when the GC finds them
            if (g != null) {
                g.closePassArrays();
            }
            OwnedArrays.closeAll(b.images());
            LOG.info("fine-tune step {}/{}: loss {} ({} s)", t + 1, steps, String.format("%.5g", losses[t]),
                    String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
        }
        if (g != null) {
            g.close();
        } else {
            pass.close();
        }
        return losses;
    }
}
