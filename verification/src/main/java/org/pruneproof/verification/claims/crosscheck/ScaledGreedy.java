package org.pruneproof.verification.claims.crosscheck;

import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.GreedyRun;
import org.pruneproof.scaled.greedy.ScaledGreedySelection;

/**
 * The scaled greedy implementation a cross-check claim ties to the reference: the ND4J engine by
 * default; tests substitute a planted bug to show that the claim can fail.
 */
@FunctionalInterface
public interface ScaledGreedy {

    /** Greedy with replacement on the scaled engine, {@link ScaledGreedySelection#withReplacement}. */
    ScaledGreedy SCALED = ScaledGreedySelection::withReplacement;

    /** Runs {@code steps} steps with replacement on features Φ (N×m) and target y in a precision. */
    GreedyRun select(double[][] phi, double[] y, int steps, Precision precision);
}
