package org.pruneproof.reference.init;

import org.ejml.data.DMatrixRMaj;

/**
 * Gradients of a scalar loss with respect to every weight and bias, and to every pre-activation.
 *
 * @param weights        ∂L/∂W^l, same shape as W^l
 * @param biases         ∂L/∂b^l
 * @param preActivations ∂L/∂y^l (fanOut(l) × B)
 */
public record Gradients(DMatrixRMaj[] weights, double[][] biases, DMatrixRMaj[] preActivations) {
}
