package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.Tolerance;

/**
 * Greedy forward selection of neurons (Ye et al. 2020, the theory's version, {@code ye2020.md} §3.1):
 * starting from the empty multiset, step n adds the neuron i that minimises the exact loss of the
 * new average,
 * <pre>  i* = argmin_i L((s + φ_i)/n),  s ← s + φ_{i*},  f_n = s/n,</pre>
 * with replacement (a neuron may be chosen again). Each step costs O(N·m) through the running sum s;
 * every candidate loss is computed directly, not through an expanded formula, so that tiny losses
 * keep full relative accuracy.
 *
 * <p>Ties: among the candidates whose loss is within a relative {@link Tolerance#TIE_RELATIVE} of the
 * minimum, the lowest index wins.
 */
public final class GreedyForwardSelection {

    private GreedyForwardSelection() {
    }

    /**
     * Runs {@code steps} steps of greedy selection with replacement.
     *
     * @param phi   N×m feature matrix, row i = outputs φ_i of neuron i on the m points
     * @param y     target, length m
     * @param steps number of steps n_max ≥ 1
     */
    public static GreedyPath withReplacement(DMatrixRMaj phi, double[] y, int steps) {
        int n = phi.numRows;
        int m = phi.numCols;
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("feature matrix must be at least 1×1, got " + n + "×" + m);
        }
        FeatureGeometry.requireLength(y, m);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
        }
        double[] sum = new double[m];
        double[] candidateLoss = new double[n];
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        for (int step = 1; step <= steps; step++) {
            for (int i = 0; i < n; i++) {
                candidateLoss[i] = lossOfAverage(phi, i, sum, step, y);
            }
            int best = argminLowestIndex(candidateLoss);
            int off = best * m;
            for (int j = 0; j < m; j++) {
                sum[j] += phi.data[off + j];
            }
            selected[step - 1] = best;
            loss[step - 1] = candidateLoss[best];
        }
        return new GreedyPath(selected, loss);
    }

    /** {@code (1/m)·‖(s + φ_i)/n − y‖²}. */
    static double lossOfAverage(DMatrixRMaj phi, int i, double[] sum, int n, double[] y) {
        int m = phi.numCols;
        int off = i * m;
        double s = 0;
        for (int j = 0; j < m; j++) {
            double d = (sum[j] + phi.data[off + j]) / n - y[j];
            s += d * d;
        }
        return s / m;
    }

    /**
     * The lowest index whose value is within a relative {@link Tolerance#TIE_RELATIVE} of the minimum
     * (the project's tie rule).
     */
    public static int argminLowestIndex(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (v < min) {
                min = v;
            }
        }
        double limit = min + Tolerance.TIE_RELATIVE * Math.abs(min);
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= limit) {
                return i;
            }
        }
        throw new IllegalArgumentException("no finite minimum: every value is NaN");
    }
}
