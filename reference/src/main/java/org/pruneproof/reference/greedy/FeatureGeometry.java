package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;

/**
 * Geometry of the neuron outputs φ_i (rows of the N×m feature matrix Φ) in R^m with the inner
 * product ⟨u, v⟩ = (1/m)·u·v, the project's convention (README, "Layout"; docs/theory/ye2020.md).
 */
public final class FeatureGeometry {

    private FeatureGeometry() {
    }

    /** Mean squared error {@code L(f) = (1/m)·‖f − y‖²}. */
    public static double meanSquaredError(double[] f, double[] y) {
        requireSameLength(f, y);
        double s = 0;
        for (int j = 0; j < f.length; j++) {
            double d = f[j] - y[j];
            s += d * d;
        }
        return s / f.length;
    }

    /** Loss of a single neuron, {@code L(φ_i) = (1/m)·‖φ_i − y‖²}. */
    public static double neuronLoss(DMatrixRMaj phi, int i, double[] y) {
        int m = phi.numCols;
        requireLength(y, m);
        double s = 0;
        int off = i * m;
        for (int j = 0; j < m; j++) {
            double d = phi.data[off + j] - y[j];
            s += d * d;
        }
        return s / m;
    }

    /** The convex combination {@code g_α = Σ_i α_i φ_i}. */
    public static double[] combination(DMatrixRMaj phi, double[] alpha) {
        requireLength(alpha, phi.numRows);
        int m = phi.numCols;
        double[] g = new double[m];
        for (int i = 0; i < phi.numRows; i++) {
            double a = alpha[i];
            if (a == 0) {
                continue;
            }
            int off = i * m;
            for (int j = 0; j < m; j++) {
                g[j] += a * phi.data[off + j];
            }
        }
        return g;
    }

    /**
     * The spread {@code V_α = Σ_i α_i·(1/m)·‖φ_i − g_α‖²} of the combination (its variance under
     * the law P(i) = α_i).
     */
    public static double spread(DMatrixRMaj phi, double[] alpha) {
        double[] g = combination(phi, alpha);
        double v = 0;
        for (int i = 0; i < phi.numRows; i++) {
            if (alpha[i] != 0) {
                v += alpha[i] * neuronLoss(phi, i, g);
            }
        }
        return v;
    }

    /** {@code D = max_i ‖φ_i − y‖} in the (1/m) geometry. */
    public static double maxDistance(DMatrixRMaj phi, double[] y) {
        double d = 0;
        for (int i = 0; i < phi.numRows; i++) {
            d = Math.max(d, neuronLoss(phi, i, y));
        }
        return Math.sqrt(d);
    }

    static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
    }

    static void requireLength(double[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException("expected a vector of length " + n + ", got " + v.length);
        }
    }
}
