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
 * column to Φs in O(N). Φs is accumulated in double; the columns and Φy are the working precision's
 * GEMV results ({@link RowProducts}), held in double.
 *
 * <p>Error: each GEMV entry k is off by at most about γ·‖φ_k‖·‖v‖ for the vector v it multiplies
 * (γ as in {@link GreedySelector}), so (Φr_n)_k is off by at most γ·‖φ_k‖·(A_n + ‖y‖) with
 * A_n = (1/n)·Σ_{j&lt;n} ‖φ_{i_j}‖ ({@link #errorScale}). This is larger than the direct product's
 * γ·‖φ_k‖·‖r_n‖ when r_n is small against y, and the selector widens its screening window to match.
 * Memory: N doubles per distinct chosen neuron.
 */
final class ReusedProducts {

    private final Features features;
    private final RowProducts products;
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
        double yy = 0;
        for (int j = 0; j < m; j++) {
            products.setResidual(j, y[j]);
            yy += y[j] * y[j];
        }
        this.normY = Math.sqrt(yy);
        this.phiY = pass();
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
            for (int j = 0; j < m; j++) {
                products.setResidual(j, row[j]);
            }
            column = pass();
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

    private double[] pass() {
        products.computeAll();
        passes++;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = products.get(k);
        }
        return out;
    }
}
