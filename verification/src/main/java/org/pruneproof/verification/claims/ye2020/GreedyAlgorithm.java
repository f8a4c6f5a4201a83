package org.pruneproof.verification.claims.ye2020;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedyPath;

/**
 * The implementation a greedy claim checks: the reference engine by default; tests substitute a
 * planted bug to show that the claim can fail.
 */
@FunctionalInterface
public interface GreedyAlgorithm {

    /** Greedy selection with replacement, as in {@link GreedyForwardSelection#withReplacement}. */
    GreedyAlgorithm REFERENCE = GreedyForwardSelection::withReplacement;

    /** Runs {@code steps} steps on features Φ (N×m) and target y. */
    GreedyPath select(DMatrixRMaj phi, double[] y, int steps);
}
