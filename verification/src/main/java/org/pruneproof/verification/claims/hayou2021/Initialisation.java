package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Gen;

/**
 * One experiment of a critical-sparsity claim judged over single initialisations: one net of the sweep's setting
 * ({@link CriticalSparsitySweep#SETTING}) at one depth L, from one seed. The depths L ∈ {20, 50, 100} are taken in
 * turn, so every depth gets a third of the experiments.
 *
 * @param depth L
 * @param seed  weights and data
 */
public record Initialisation(int depth, long seed) {

    /** The depths in turn (by the engine's size parameter), a fresh seed each. */
    static Gen<Initialisation> depthsInTurn() {
        int[] depths = CriticalSparsitySweep.DEPTHS;
        return (r, size) -> new Initialisation(depths[(size - 1) % depths.length], r.nextLong());
    }

    /** The exact SBP s_cr and collapsing layer of this initialisation of the tanh net at σ_w. */
    CriticalSparsity criticalSparsity(double sigmaW) {
        return Experiments.sbpCriticalSparsity(Activations.TANH, CriticalSparsitySweep.SIGMA_B, sigmaW,
                CriticalSparsitySweep.WIDTH, depth, CriticalSparsitySweep.BATCH, CriticalSparsitySweep.CLASSES, seed);
    }
}
