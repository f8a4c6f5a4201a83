package org.pruneproof.reference.init;

import org.ejml.data.DMatrixRMaj;

/**
 * The intermediate values of a forward pass on a batch (one point per column).
 *
 * @param layerInputs     a^l, the input of layer l's weights: x for l = 0, φ(y^{l−1}) otherwise (fanIn(l) × B)
 * @param preActivations  y^l after layer l (including the skip for a block) (fanOut(l) × B); the last is the output
 */
public record ForwardPass(DMatrixRMaj[] layerInputs, DMatrixRMaj[] preActivations) {

    /** The network's output (logits), outputs × B. */
    public DMatrixRMaj output() {
        return preActivations[preActivations.length - 1];
    }
}
