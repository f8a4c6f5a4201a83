package org.pruneproof.verification.experiments;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;

/** Small computations shared by the Ye et al. 2020 claims, each done from scratch (not by the code under test). */
public final class Steps {

    private Steps() {
    }

    /**
     * The loss {@code (1/m)·‖(φ_{s_1} + … + φ_{s_{n−1}} + φ_candidate)/n − y‖²} of taking
     * {@code candidate} at step n after the first n − 1 selections.
     */
    public static double lossAfter(DMatrixRMaj phi, int[] selected, int n, int candidate, double[] y) {
        int m = phi.numCols;
        double[] f = new double[m];
        for (int k = 0; k < n - 1; k++) {
            for (int j = 0; j < m; j++) {
                f[j] += phi.get(selected[k], j);
            }
        }
        for (int j = 0; j < m; j++) {
            f[j] = (f[j] + phi.get(candidate, j)) / n;
        }
        return FeatureGeometry.meanSquaredError(f, y);
    }

    /** {@code 1 + max_i (1/m)‖φ_i‖² + (1/m)‖y‖²}: the magnitude that absolute rounding errors of a loss scale with. */
    public static double magnitude(DMatrixRMaj phi, double[] y) {
        double[] zero = new double[phi.numCols];
        double max = 0;
        for (int i = 0; i < phi.numRows; i++) {
            max = Math.max(max, FeatureGeometry.neuronLoss(phi, i, zero));
        }
        return 1 + max + FeatureGeometry.meanSquaredError(y, zero);
    }

    /** Whether rows a and b of Φ are the same vector. */
    public static boolean sameRow(DMatrixRMaj phi, int a, int b) {
        for (int j = 0; j < phi.numCols; j++) {
            if (phi.get(a, j) != phi.get(b, j)) {
                return false;
            }
        }
        return true;
    }
}
