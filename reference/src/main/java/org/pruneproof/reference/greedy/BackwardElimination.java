package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.Tolerance;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * Backward elimination (docs/theory/ye2020.md): start from all N neurons and remove one at a
 * time, each time the one whose removal gives the lowest loss of the average of the rest,
 * <pre>  i* = argmin_{i ∈ S} L((s − φ_i)/(|S| − 1)),  S ← S \ {i*},  s ← s − φ_{i*},</pre>
 * with 1/|S| averaging (mean-field scaling), O(N·m) per step through the running sum s. Ties: lowest
 * index within a relative {@link Tolerance#TIE_RELATIVE}.
 *
 * <p>The sets are nested, so the result is a {@link GreedyPath} in which the first n entries of
 * {@code selected} are the size-n set S_n (the neurons removed last come first) and
 * {@code loss[n−1] = L(S_n)}; {@code loss[N−1]} is the loss of the dense average.
 */
public final class BackwardElimination {

    private BackwardElimination() {
    }

    /** Eliminates down to one neuron; the path has N entries. */
    public static GreedyPath run(DMatrixRMaj phi, double[] y) {
        int n = phi.numRows;
        int m = phi.numCols;
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("feature matrix must be at least 1×1, got " + n + "×" + m);
        }
        FeatureGeometry.requireLength(y, m);
        double[] sum = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sum[j] += phi.data[i * m + j];
            }
        }
        boolean[] removed = new boolean[n];
        int[] setOrder = new int[n];
        double[] loss = new double[n];
        loss[n - 1] = averageLoss(sum, n, y);
        for (int size = n; size > 1; size--) {
            double bestLoss = Double.POSITIVE_INFINITY;
            double[] candidate = new double[n];
            for (int i = 0; i < n; i++) {
                candidate[i] = removed[i] ? Double.POSITIVE_INFINITY : lossWithout(phi, i, sum, size - 1, y);
                bestLoss = Math.min(bestLoss, candidate[i]);
            }
            double limit = bestLoss + Tolerance.TIE_RELATIVE * Math.abs(bestLoss);
            int best = -1;
            for (int i = 0; i < n && best < 0; i++) {
                if (!removed[i] && candidate[i] <= limit) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalArgumentException("no finite candidate loss at size " + size + " (NaN in Φ or y?)");
            }
            removed[best] = true;
            for (int j = 0; j < m; j++) {
                sum[j] -= phi.data[best * m + j];
            }
            setOrder[size - 1] = best;
            loss[size - 2] = candidate[best];
        }
        for (int i = 0; i < n; i++) {
            if (!removed[i]) {
                setOrder[0] = i;
            }
        }
        return new GreedyPath(setOrder, loss);
    }

    private static double lossWithout(DMatrixRMaj phi, int i, double[] sum, int size, double[] y) {
        int m = phi.numCols;
        double s = 0;
        for (int j = 0; j < m; j++) {
            double d = (sum[j] - phi.data[i * m + j]) / size - y[j];
            s += d * d;
        }
        return s / m;
    }

    private static double averageLoss(double[] sum, int size, double[] y) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            double d = sum[j] / size - y[j];
            s += d * d;
        }
        return s / y.length;
    }
}
