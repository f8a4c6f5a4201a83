package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * A greedy selection procedure on features Φ (N×m) and a target y: the algorithm a claim checks or a
 * training run prunes with. Claims take one through their constructor, so tests can substitute a
 * planted bug.
 */
@FunctionalInterface
public interface GreedySelection {

    /** Greedy forward selection with replacement, {@link GreedyForwardSelection#withReplacement}. */
    GreedySelection WITH_REPLACEMENT = GreedyForwardSelection::withReplacement;

    /** Runs {@code steps} steps on features Φ (N×m, row i = outputs of neuron i) and target y. */
    GreedyPath select(DMatrixRMaj phi, double[] y, int steps);
}
