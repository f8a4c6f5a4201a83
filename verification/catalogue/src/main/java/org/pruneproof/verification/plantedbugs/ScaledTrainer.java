package org.pruneproof.verification.plantedbugs;

import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.twolayer.ScaledCheckpoint;
import org.pruneproof.scaled.twolayer.ScaledGradientDescent;
import org.pruneproof.scaled.twolayer.ScaledTwoLayerNetwork;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/**
 * The scaled two-layer training a cross-check claim ties to the reference: the ND4J engine by default;
 * tests substitute a planted bug to show that the claim can fail.
 */
@FunctionalInterface
public interface ScaledTrainer {

    /** The ND4J engine, {@link ScaledGradientDescent#train}. */
    public ScaledTrainer SCALED = ScaledGradientDescent::train;

    /** Trains {@code init} on X (d×m) and y with a schedule, handing over Φ(t) at its checkpoints. */
    public Trajectory<ScaledTwoLayerNetwork> train(ScaledTwoLayerNetwork init, INDArray inputs, double[] y, TrainingConfig config,
                           Consumer<ScaledCheckpoint> atCheckpoint);
}
