package org.pruneproof.verification.plantedbugs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * A convolutional network's loss and gradients as {@code crosscheck.conv-gradients} sees them: the ND4J fast path that
 * SNIP scoring and training use ({@link NetworkPass}, custom ops) by default, the SameDiff graph ({@link NetworkGraph})
 * as {@link #SAMEDIFF}; tests plant bugs.
 */
@FunctionalInterface
public interface ScaledConvGradients {

    /**
     * One evaluation on a batch.
     *
     * @param loss       the mean softmax cross-entropy
     * @param input      ∂L/∂input, [B, C, H, W]
     * @param parameters ∂L/∂θ for every trainable parameter, by name
     */
    record Evaluation(double loss, INDArray input, Map<String, INDArray> parameters) {
    }

    /** The hand-built pass of the scaled engine: its loss and gradients from one forward and one backward pass. */
    ScaledConvGradients SCALED = (weights, mode, images, labels) -> {
        NetworkPass p = NetworkPass.build(weights, mode);
        NetworkPass.Result r = p.lossAndGradients(images, labels);
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (String n : p.trainableParameters()) {
            params.put(n, r.gradients().get(n));
        }
        return new Evaluation(r.loss(), r.gradients().get(NetworkPass.INPUT), params);
    };

    /** The SameDiff graph of the scaled engine: its loss and gradients from one forward and one backward pass. */
    ScaledConvGradients SAMEDIFF = (weights, mode, images, labels) -> {
        NetworkGraph g = NetworkGraph.build(weights, mode);
        List<String> names = new ArrayList<>(g.trainableParameters());
        names.add(NetworkGraph.INPUT);
        NetworkGraph.LossAndGradients lg = g.lossAndGradients(images, labels, names);
        Map<String, INDArray> grads = lg.gradients();
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (String n : g.trainableParameters()) {
            params.put(n, grads.get(n));
        }
        return new Evaluation(lg.loss(), grads.get(NetworkGraph.INPUT), params);
    };

    /** The loss and gradients of the network on a batch (images NCHW, labels in [0, classes)). */
    Evaluation evaluate(NetworkWeights weights, NetworkGraph.Mode mode, INDArray images, int[] labels);
}
