package org.pruneproof.scaled.greedy;

import java.util.HashMap;
import java.util.Map;

/**
 * The inner products Φr_n of greedy selection with replacement, without a pass over Φ for a neuron
 * chosen before. With r_n = s_n/n − y and s_n = Σ_{j&lt;n} φ_{i_j} (the chosen neurons, repeats
 * counted),
 * <pre>  Φr_n = (Φs_n)/n − Φy,   Φs_n = Σ_{j&lt;n} Φφ_{i_j},</pre>
 * so it keeps Φy (one pass, at the start) and, for each <em>distinct</em> chosen neuron i, the column
 * Φφ_i = (⟨φ_k, φ_i⟩)_k (one pass, the first time i is chosen); a repeated choice adds its stored
 * column to Φs in O(N). Φs is accumulated in double.
 *
 * <p>The passes accumulate in double: float32 features through {@link ExactRowDots} (y split into two
 * floats), float64 through BLAS dgemv. Error: entry k of a pass with vector v is off by at most about
 * c·‖φ_k‖·‖v‖, c = {@link #errorCoefficient} (a double-precision γ), so (Φr_n)_k is off by at most
 * c·‖φ_k‖·(A_n + ‖y‖) with A_n = (1/n)·Σ_{j&lt;n} ‖φ_{i_j}‖ ({@link #errorScale}). Accumulating in
 * float32, as the one-pass-per-step products do, would make this error γ_float·(A_n + ‖y‖)/‖r_n‖
 * times theirs, and late in a run most chosen neurons would fall in the screening window and be
 * re-evaluated in O(m) each. Memory: N doubles per distinct chosen neuron.
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

    /** Computes Φy (one pass over Φ). */
    ReusedProducts(Features features, RowProducts products, double[] y) {
        this.features = features;
        this.products = products;
        this.n = features.neurons();
        this.m = features.points();
        boolean single = features.precision() == org.pruneproof.scaled.Precision.FLOAT32;
        this.dots = single ? new ExactRowDots(features) : null;
        // double γ as in GreedySelector's estimate, plus the float split of y (2⁻⁴⁸ relative)
        this.coefficient = 4 * (Math.sqrt(m) + 4) * 0x1p-53 + (single ? 0x1p-47 : 0);
        double yy = 0;
        for (int j = 0; j < m; j++) {
            yy += y[j] * y[j];
        }
        this.normY = Math.sqrt(yy);
        this.phiY = single ? dots.timesSplit(y) : pass(y);
        passes++;
        this.phiS = new double[n];
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

    /** Full passes over Φ so far (1 for Φy plus one per distinct chosen neuron). */
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
