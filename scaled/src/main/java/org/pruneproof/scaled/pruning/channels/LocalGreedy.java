package org.pruneproof.scaled.pruning.channels;

import org.pruneproof.theory.Tolerance;

/**
 * Two-layer greedy forward selection (Ye et al. 2020) on a feature matrix Φ (N×m): step n adds the
 * row i minimising {@code (1/m)·‖(s + φ_i)/n − y‖²}, s the sum of the rows chosen so far, with or
 * without replacement. Ties: lowest index among candidates within a relative
 * {@link Tolerance#TIE_RELATIVE} of the minimum (the project's rule). Stops after {@code maxSteps}
 * steps or at the first n with {@code L_n ≤ tolerance·L_0}, L_0 = (1/m)‖y‖² the loss of the empty
 * subnetwork.
 *
 * <p>A small local kernel for channel pruning; the scaled engine's optimised kernel
 * ({@code org.pruneproof.scaled.greedy}) solves the same problem and can replace it.
 */
public final class LocalGreedy {

    /** The chosen rows, in order, and the loss after each step. */
    public record Path(int[] selected, double[] loss) {
    }

    private LocalGreedy() {
    }

    /**
     * @param phi         N rows of length m
     * @param y           target, length m
     * @param maxSteps    at most this many steps (≤ N without replacement)
     * @param replacement whether a row may be chosen again
     * @param tolerance   stop once L_n ≤ tolerance·L_0 (0: run all maxSteps)
     */
    public static Path select(double[][] phi, double[] y, int maxSteps, boolean replacement, double tolerance) {
        int n = phi.length;
        int m = y.length;
        if (n < 1 || maxSteps < 1 || (!replacement && maxSteps > n)) {
            throw new IllegalArgumentException("need N ≥ 1 and 1 ≤ steps (≤ N without replacement), got N=" + n + " steps=" + maxSteps);
        }
        double l0 = 0;
        for (double v : y) {
            l0 += v * v;
        }
        l0 /= m;
        double[] sum = new double[m];
        boolean[] used = new boolean[n];
        int[] selected = new int[maxSteps];
        double[] loss = new double[maxSteps];
        double[] cand = new double[n];
        int steps = 0;
        for (int step = 1; step <= maxSteps; step++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!replacement && used[i]) {
                    cand[i] = Double.NaN;
                    continue;
                }
                double s = 0;
                double[] row = phi[i];
                for (int j = 0; j < m; j++) {
                    double d = (sum[j] + row[j]) / step - y[j];
                    s += d * d;
                }
                cand[i] = s / m;
                min = Math.min(min, cand[i]);
            }
            double limit = min + Tolerance.TIE_RELATIVE * Math.abs(min);
            int best = -1;
            for (int i = 0; i < n && best < 0; i++) {
                if (cand[i] <= limit) {
                    best = i;
                }
            }
            used[best] = true;
            for (int j = 0; j < m; j++) {
                sum[j] += phi[best][j];
            }
            selected[step - 1] = best;
            loss[step - 1] = cand[best];
            steps = step;
            if (tolerance > 0 && cand[best] <= tolerance * l0) {
                break;
            }
        }
        return new Path(java.util.Arrays.copyOf(selected, steps), java.util.Arrays.copyOf(loss, steps));
    }
}
