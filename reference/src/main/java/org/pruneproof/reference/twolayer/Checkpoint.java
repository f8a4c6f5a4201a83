package org.pruneproof.reference.twolayer;

import org.ejml.data.DMatrixRMaj;

/**
 * The network after t iterations of training: its feature matrix Φ(t) (N×m, rows φ_r(t), see
 * {@link TwoLayerNetwork#features}) and dense output u(t) = (1/N)·Σ_r φ_r(t).
 *
 * @param iteration t
 * @param network   the network after t iterations (a copy; later training does not change it)
 * @param features  Φ(t)
 * @param output    u(t), length m
 */
public record Checkpoint(int iteration, TwoLayerNetwork network, DMatrixRMaj features, double[] output) {

    /** {@code S_dense(t) = ‖u(t) − y‖²} (sum loss, no ½). */
    public double denseLoss(double[] y) {
        return Losses.sumSquared(output, y);
    }
}
