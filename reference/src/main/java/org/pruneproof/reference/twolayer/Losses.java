package org.pruneproof.reference.twolayer;

import org.ejml.data.DMatrixRMaj;

/**
 * Sum-of-squares quantities of docs/theory/wolfe2021.md (plain Euclidean geometry on R^m, no
 * 1/m): {@code S = ‖u − y‖²} and the spread {@code D̄² = (1/N)·Σ_r ‖φ_r − y‖²}.
 */
public final class Losses {

    private Losses() {
    }

    /** {@code ‖u − y‖²}. */
    public static double sumSquared(double[] u, double[] y) {
        if (u.length != y.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + u.length + " and " + y.length);
        }
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            double d = u[j] - y[j];
            s += d * d;
        }
        return s;
    }

    /** {@code D̄² = (1/N)·Σ_r ‖φ_r − y‖²} for the rows φ_r of Φ (N×m). */
    public static double meanSquaredDistance(DMatrixRMaj phi, double[] y) {
        int m = phi.numCols;
        if (y.length != m) {
            throw new IllegalArgumentException("target has length " + y.length + ", expected m = " + m);
        }
        double s = 0;
        for (int r = 0; r < phi.numRows; r++) {
            int off = r * m;
            for (int j = 0; j < m; j++) {
                double d = phi.data[off + j] - y[j];
                s += d * d;
            }
        }
        return s / phi.numRows;
    }

    /** The mean of the rows of Φ, {@code u = (1/N)·Σ_r φ_r}. */
    public static double[] rowMean(DMatrixRMaj phi) {
        int m = phi.numCols;
        double[] u = new double[m];
        for (int r = 0; r < phi.numRows; r++) {
            int off = r * m;
            for (int j = 0; j < m; j++) {
                u[j] += phi.data[off + j];
            }
        }
        for (int j = 0; j < m; j++) {
            u[j] /= phi.numRows;
        }
        return u;
    }
}
