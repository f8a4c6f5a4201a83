package org.pruneproof.verification.claims.hayou2021;

import java.util.Arrays;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.activation.Activations;

/**
 * The SBP critical-sparsity experiment of notes hayou2021.md §4.2: a tanh fully connected net of width N = d = 100,
 * σ_b = 0.2, L ∈ {20, 50, 100} layers (the last one 100 → 10), a batch of 100 N(0, I) inputs with 10 random labels,
 * SBP scores |W ⊙ ∂L/∂W| of the mean cross-entropy, and the exact s_cr with its collapsing layer.
 *
 * @param depths          L
 * @param criticalSparsity s_cr for each L
 * @param collapsingLayer  argmin_l r_l for each L (layers 0 … L−1)
 */
record CriticalSparsitySweep(int[] depths, double[] criticalSparsity, int[] collapsingLayer) {

    static final int[] DEPTHS = {20, 50, 100};
    static final int WIDTH = 100;
    static final int BATCH = 100;
    static final int CLASSES = 10;
    static final double SIGMA_B = 0.2;
    static final String SETTING = "tanh fully connected nets, N = d = 100, σ_b = 0.2, L ∈ {20, 50, 100} weight layers (the last 100 → 10), "
            + "a batch of 100 N(0, I) inputs with 10 uniform random labels, SBP scores of the mean cross-entropy, exact s_cr "
            + "(notes §3); one seed per experiment, fresh weights and data for each L";

    /** Runs the sweep at σ_w from one seed. */
    static CriticalSparsitySweep run(double sigmaW, long seed) {
        double[] s = new double[DEPTHS.length];
        int[] layer = new int[DEPTHS.length];
        for (int k = 0; k < DEPTHS.length; k++) {
            CriticalSparsity c = Experiments.sbpCriticalSparsity(Activations.TANH, SIGMA_B, sigmaW, WIDTH, DEPTHS[k],
                    BATCH, CLASSES, seed + 7919L * k);
            s[k] = c.value();
            layer[k] = c.collapsingLayer();
        }
        return new CriticalSparsitySweep(DEPTHS.clone(), s, layer);
    }

    double[] depthsAsDoubles() {
        return Arrays.stream(depths).asDoubleStream().toArray();
    }

    /** s_cr against L, for the plot shared by the three phases. */
    Series series(String name) {
        return Series.measured("s_cr against depth L", name, "depth L", "s_cr", depthsAsDoubles(), criticalSparsity);
    }

    /** The collapsing layer against L. */
    Series collapseSeries(String name) {
        return Series.measured("collapsing layer against depth L", name, "depth L", "collapsing layer",
                depthsAsDoubles(), Arrays.stream(collapsingLayer).asDoubleStream().toArray());
    }
}
