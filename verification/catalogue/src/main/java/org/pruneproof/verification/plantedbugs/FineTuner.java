package org.pruneproof.verification.plantedbugs;

import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.training.Training;

/**
 * How the convolutional Ye et al. reproductions fine-tune a pruned network: the scaled training loop from the pruned
 * weights; tests substitute a planted bug (a fine-tuning that silently re-initialises the network first).
 */
@FunctionalInterface
public interface FineTuner {

    /** {@link Training#run} from the given weights, no held-out set, no checkpoint. */
    FineTuner SCALED = (weights, train, options) -> {
        Training.run(weights, train, null, options, false, null, false, weights.architecture().name(), null);
        return weights;
    };

    /** Trains {@code weights} on {@code train} with {@code options} and returns the trained network. */
    NetworkWeights fineTune(NetworkWeights weights, LabelledSet train, Training.Options options);
}
