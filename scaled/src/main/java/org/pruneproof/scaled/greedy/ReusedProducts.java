package org.pruneproof.scaled.greedy;

import java.util.HashMap;
import java.util.Map;

/**
 * The inner products Φr_n of greedy selection with replacement, without a pass over Φ for a neuron
 * chosen before. With r_n = s_n/n − y and s_n = Σ_{j&lt;n} φ_{i_j} (the chosen neurons, repeats
 * counted),
 * <pre>  Φr_n = (Φs_n)/n − Φy,   Φs_n = Σ_{j&lt;n} Φφ_{i_j},</pre>
 * so it keeps Φy and, for each <em>distinct</em> chosen neuron i, the column Φφ_i = (⟨φ_k, φ_i⟩)_k (one pass, the
 * first time i is chosen); a repeated choice adds its stored column to Φs in O(N). Φs is accumulated in double. It is
 * made at the start of the second step (the first step's product Φr_1 = −Φy is the selector's own working-precision
 * GEMV, at the speed of one streaming read of Φ): float32 features get Φy and the first chosen neuron's column from one shared read
 * of Φ, float64 features take Φy = −Φr_1 from that GEMV (the same bits as a pass with y) and one pass for the column.
 *
 * <p>The passes accumulate in double: float32 features through {@link ExactRowDots}, float64 through BLAS dgemv.
 * Error: entry k of a pass with vector v is off by at most about c·‖φ_k‖·‖v‖, c = {@link #errorCoefficient} (a
 * double-precision γ), so (Φr_n)_k is off by at most c·‖φ_k‖·(A_n + ‖y‖) with A_n = (1/n)·Σ_{j&lt;n} ‖φ_{i_j}‖
 * ({@link #errorScale}). Accumulating in float32, as the one-pass-per-step products do, would make this error
 * γ_float·(A_n + ‖y‖)/‖r_n‖ times theirs, and late in a run most chosen neurons would fall in the screening window and
 * be re-evaluated in O(m) each. Memory: N doubles per distinct chosen neuron.
 */
final class ReusedProducts {

    private final Features features;
    private final RowProducts products;
    private final ExactRowDots dots;
    private final double coefficient;
    private final int n;
    private final int m;
    private final double[] phiY;
    private final double normY;
    private final double[] phiS;
    private final Map<Integer, double[]> columns = new HashMap<>();
    private double chosenNormSum;
    private long passes;

    /**
     * After the first step, which chose neuron {@code first} by a GEMV of Φ with r_1 = −y still held in
     * {@code products} (nothing else has used them since): Φy and Φφ_first (one pass over Φ).
     *
     * @param row φ_first widened to double (length m), as the selector has just read it
     */
    ReusedProducts(Features features, RowProducts products, double[] y, int first, double[] row) {
        this.features = features;
        this.products = products;
        this.n = features.neurons();
        this.m = features.points();
        boolean single = features.precision() == org.pruneproof.scaled.Precision.FLOAT32;
        this.dots = single ? new ExactRowDots(features) : null;
        // double γ as in GreedySelector's estimate
        this.coefficient = 4 * (Math.sqrt(m) + 4) * 0x1p-53;
        double yy = 0;
        for (int j = 0; j < m; j++) {
            yy += y[j] * y[j];
        }
        this.normY = Math.sqrt(yy);
        double[] column;
        if (single) {
            double[][] both = dots.times(y, row);
            this.phiY = both[0];
            column = both[1];
        } else {
            // the first step's dgemv was with r_1 = 0/1 − y = −y exactly: Φy = −Φr_1, bit for bit
            this.phiY = new double[n];
            for (int k = 0; k < n; k++) {
                phiY[k] = -products.get(k);
            }
            column = pass(row);
        }
        passes++;
        columns.put(first, column);
        this.phiS = column.clone();
        chosenNormSum = Math.sqrt(features.squaredNorm(first));
    }

    /** (Φr_next)_k = (Φs)_k/next − (Φy)_k for every neuron k, into {@code out} (length N). */
    void innerProducts(int next, double[] out) {
        double divisor = next;
        for (int k = 0; k < n; k++) {
            out[k] = phiS[k] / divisor - phiY[k];
        }
    }

    /** A_next + ‖y‖: the scale of the error of {@link #innerProducts} (times γ·‖φ_k‖). */
    double errorScale(int next) {
        return chosenNormSum / next + normY;
    }

    /**
     * Adds the chosen neuron i to s: its column Φφ_i from the store, or from one pass over Φ the first
     * time i is chosen.
     *
     * @param row φ_i widened to double (length m), as the selector has just read it
     */
    void choose(int i, double[] row) {
        double[] column = columns.get(i);
        if (column == null) {
            column = dots != null ? dots.times(row) : pass(row);
            passes++;
            columns.put(i, column);
        }
        for (int k = 0; k < n; k++) {
            phiS[k] += column[k];
        }
        chosenNormSum += Math.sqrt(features.squaredNorm(i));
    }

    /** Full passes over Φ made here: one per distinct chosen neuron (Φy shares the first one's). */
    long passes() {
        return passes;
    }

    /** c: the relative error of a pass's entry k is at most about c·‖φ_k‖·‖v‖. */
    double errorCoefficient() {
        return coefficient;
    }

    /** Φv by float64 BLAS GEMV. */
    private double[] pass(double[] v) {
        for (int j = 0; j < m; j++) {
            products.setResidual(j, v[j]);
        }
        products.computeAll();
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = products.get(k);
        }
        return out;
    }
}
