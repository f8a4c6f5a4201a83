package org.pruneproof.verification.experiments;

import java.util.Arrays;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.activation.Activations;

/**
 * The SBP critical-sparsity experiment of notes hayou2021.md §4.2: a tanh fully connected net of width N = d = 100,
 * σ_b = 0.2, L ∈ {20, 50, 100} layers (the last one 100 → 10), a batch of 100 N(0, I) inputs with 10 random labels,
 * SBP scores |W ⊙ ∂L/∂W| of the mean cross-entropy, and the exact s_cr with its collapsing layer.
 *
 * <p>One experiment runs {@value #SEEDS} seeds and reports medians (notes §7.7: s_cr is random; compare medians).
 *
 * @param depths           L
 * @param criticalSparsity median s_cr over the seeds, for each L
 * @param collapsingLayer  median collapsing layer argmin_l r_l over the seeds, for each L (layers 0 … L−1)
 * @param latestLayer      largest collapsing layer over the seeds, for each L
 */
public record CriticalSparsitySweep(int[] depths, double[] criticalSparsity, int[] collapsingLayer, int[] latestLayer) {

    public static final int SEEDS = 5;

    public static final int[] DEPTHS = {20, 50, 100};
    public static final int WIDTH = 100;
    public static final int BATCH = 100;
    public static final int CLASSES = 10;
    public static final double SIGMA_B = 0.2;
    public static final String SETTING = "tanh fully connected nets, N = d = 100, σ_b = 0.2, L ∈ {20, 50, 100} weight layers (the last 100 → 10), "
            + "a batch of 100 N(0, I) inputs with 10 uniform random labels, SBP scores of the mean cross-entropy, exact s_cr "
            + "(notes §3)";
    public static final String MEDIANS = "one experiment = " + SEEDS + " seeds (fresh weights and data for each seed and L), medians over the seeds";

    /** χ = σ_w²·E[φ'(√q* Z)²] of the sweep's tanh network at (σ_b, σ_w), by quadrature at the fixed point q*. */
    public static double chi(double sigmaW) {
        MeanField mf = new MeanField(Activations.TANH, SIGMA_B, sigmaW);
        return mf.chi(mf.fixedPointVariance(1, 1e-13));
    }

    /** Runs the sweep at σ_w for {@value #SEEDS} seeds derived from {@code seed}. */
    public static CriticalSparsitySweep run(double sigmaW, long seed) {
        int seeds = SEEDS;
        int n = DEPTHS.length;
        double[] median = new double[n];
        int[] medianLayer = new int[n];
        int[] latest = new int[n];
        for (int k = 0; k < n; k++) {
            double[] s = new double[seeds];
            int[] layer = new int[seeds];
            for (int i = 0; i < seeds; i++) {
                CriticalSparsity c = Experiments.sbpCriticalSparsity(Activations.TANH, SIGMA_B, sigmaW, WIDTH, DEPTHS[k],
                        BATCH, CLASSES, seed + 7919L * k + 104729L * i);
                s[i] = c.value();
                layer[i] = c.collapsingLayer();
            }
            Arrays.sort(s);
            Arrays.sort(layer);
            median[k] = s[seeds / 2];
            medianLayer[k] = layer[seeds / 2];
            latest[k] = layer[seeds - 1];
        }
        return new CriticalSparsitySweep(DEPTHS.clone(), median, medianLayer, latest);
    }

    public double[] depthsAsDoubles() {
        return Arrays.stream(depths).asDoubleStream().toArray();
    }

    /** s_cr against L, for the plot shared by the three phases. */
    public Series series(String name) {
        return Series.measured("s_cr against depth L", name + " (median)", "depth L", "s_cr", depthsAsDoubles(), criticalSparsity);
    }

    /** The collapsing layer against L. */
    public Series collapseSeries(String name) {
        return Series.measured("collapsing layer against depth L", name + " (median)", "depth L", "collapsing layer",
                depthsAsDoubles(), Arrays.stream(collapsingLayer).asDoubleStream().toArray());
    }
}
