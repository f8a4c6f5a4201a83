package org.pruneproof.verification.experiments;

import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reports.results.Series;
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

    /** What one experiment is, for a claim's hypotheses. */
    public static final String ONE_EXPERIMENT = "one experiment = one initialisation (fresh weights and data) at one L, the depths taken in turn";

    /** The depths in turn (by the engine's size parameter), a fresh seed each. */
    public static Gen<Initialisation> depthsInTurn() {
        int[] depths = CriticalSparsitySweep.DEPTHS;
        return (r, size) -> new Initialisation(depths[(size - 1) % depths.length], r.nextLong());
    }

    /**
     * This experiment's s_cr and collapsing layer as one point each of the scatters "s_cr against depth L" and
     * "collapsing layer against depth L" (pooled over the experiments by the engine).
     */
    public Series[] scatter(String name, CriticalSparsity c) {
        double[] x = {depth};
        return new Series[] {
            Series.measured("s_cr against depth L", name, "depth L", "s_cr", x, new double[] {c.value()}).withRole(Series.EXPERIMENTS),
            Series.measured("collapsing layer against depth L", name, "depth L", "collapsing layer", x,
                    new double[] {c.collapsingLayer()}).withRole(Series.EXPERIMENTS)};
    }

    /** The exact SBP s_cr and collapsing layer of this initialisation of the tanh net at σ_w. */
    public CriticalSparsity criticalSparsity(double sigmaW) {
        return Experiments.sbpCriticalSparsity(Activations.TANH, CriticalSparsitySweep.SIGMA_B, sigmaW,
                CriticalSparsitySweep.WIDTH, depth, CriticalSparsitySweep.BATCH, CriticalSparsitySweep.CLASSES, seed);
    }
}
