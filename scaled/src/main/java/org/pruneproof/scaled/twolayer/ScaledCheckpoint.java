package org.pruneproof.scaled.twolayer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network after t iterations of {@link ScaledGradientDescent}: its feature matrix Φ(t) (N×m, rows
 * φ_r(t), see {@link ScaledTwoLayerNetwork#features}) and dense output u(t) = (1/N)·Σ_r φ_r(t); the scaled
 * engine's counterpart of the reference engine's {@code Checkpoint}.
 *
 * @param iteration t
 * @param network   the network after t iterations (a copy; later training does not change it)
 * @param features  Φ(t), in the working precision
 * @param output    u(t), length m
 */
public record ScaledCheckpoint(int iteration, ScaledTwoLayerNetwork network, INDArray features, double[] output) {

    /** {@code S_dense(t) = ‖u(t) − y‖²} (sum loss, no ½), accumulated in double. */
    public double denseLoss(double[] y) {
        return ScaledGradientDescent.sumSquared(output, y);
    }
}
