package org.pruneproof.reference.greedy;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.Tolerance;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * Greedy forward selection of neurons (Ye et al. 2020, {@code ye2020.md} §3): starting from the empty
 * multiset, step n adds the neuron i that minimises the exact loss of the new average,
 * <pre>  i* = argmin_{i ∈ C_n} L((s + φ_i)/n),  s ← s + φ_{i*},  f_n = s/n,</pre>
 * where the candidate set C_n is
 * <ul>
 *   <li>{@link #withReplacement}: every neuron (a neuron may be chosen again; the theory's version, §3.1);</li>
 *   <li>{@link #withoutReplacement}: the neurons not chosen yet (the released code's version, §3.2);</li>
 *   <li>either of them with k candidates drawn uniformly without repetition from that set at each step
 *       (the authors' code scores 50), from a seeded {@link SplittableRandom}.</li>
 * </ul>
 * Each step costs O(N·m) through the running sum s; every candidate loss is computed directly, not
 * through an expanded formula, so that tiny losses keep full relative accuracy.
 *
 * <p>Ties: among the candidates whose loss is within a relative {@link Tolerance#TIE_RELATIVE} of the
 * minimum, the lowest index wins.
 */
public final class GreedyForwardSelection {

    private GreedyForwardSelection() {
    }

    /**
     * Runs {@code steps} steps of greedy selection with replacement, scoring every neuron.
     *
     * @param phi   N×m feature matrix, row i = outputs φ_i of neuron i
     * @param y     target, length m
     * @param steps number of steps n_max ≥ 1
     */
    public static GreedyPath withReplacement(DMatrixRMaj phi, double[] y, int steps) {
        return select(phi, y, steps, true, phi.numRows, null);
    }

    /**
     * Greedy selection with replacement scoring only {@code candidates} neurons per step, drawn
     * uniformly without repetition among all N (all N when {@code candidates ≥ N}).
     */
    public static GreedyPath withReplacement(DMatrixRMaj phi, double[] y, int steps, int candidates,
                                             SplittableRandom random) {
        requireCandidates(candidates, random);
        return select(phi, y, steps, true, candidates, random);
    }

    /**
     * Runs {@code steps ≤ N} steps of greedy selection without replacement (each neuron at most once),
     * scoring every neuron not chosen yet. At n = N the output is the dense average.
     */
    public static GreedyPath withoutReplacement(DMatrixRMaj phi, double[] y, int steps) {
        return select(phi, y, steps, false, phi.numRows, null);
    }

    /**
     * Greedy selection without replacement scoring only {@code candidates} of the neurons not chosen
     * yet per step, drawn uniformly without repetition.
     */
    public static GreedyPath withoutReplacement(DMatrixRMaj phi, double[] y, int steps, int candidates,
                                                SplittableRandom random) {
        requireCandidates(candidates, random);
        return select(phi, y, steps, false, candidates, random);
    }

    private static GreedyPath select(DMatrixRMaj phi, double[] y, int steps, boolean replacement,
                                     int candidates, SplittableRandom random) {
        int n = phi.numRows;
        int m = phi.numCols;
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("feature matrix must be at least 1×1, got " + n + "×" + m);
        }
        FeatureGeometry.requireLength(y, m);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
        }
        if (!replacement && steps > n) {
            throw new IllegalArgumentException("without replacement at most N = " + n + " steps, got " + steps);
        }
        double[] sum = new double[m];
        // pool[0 .. poolSize) are the neurons still eligible; chosen ones are swapped out when !replacement
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        int poolSize = n;
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        for (int step = 1; step <= steps; step++) {
            int scored = Math.min(candidates, poolSize);
            if (random != null && scored < poolSize) {
                // partial Fisher–Yates: a uniform k-subset moved to pool[0 .. scored)
                for (int c = 0; c < scored; c++) {
                    swap(pool, c, c + random.nextInt(poolSize - c));
                }
            }
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            double[] scoredLoss = new double[scored];
            for (int c = 0; c < scored; c++) {
                scoredLoss[c] = lossOfAverage(phi, pool[c], sum, step, y);
                bestLoss = Math.min(bestLoss, scoredLoss[c]);
            }
            double limit = bestLoss + Tolerance.TIE_RELATIVE * Math.abs(bestLoss);
            int bestSlot = -1;
            for (int c = 0; c < scored; c++) {
                if (scoredLoss[c] <= limit && (best < 0 || pool[c] < best)) {
                    best = pool[c];
                    bestSlot = c;
                }
            }
            if (best < 0 || !Double.isFinite(bestLoss)) {
                throw new IllegalArgumentException("no finite candidate loss at step " + step
                        + " (non-finite entries in Φ or y, or values so large that the squared loss overflows double)");
            }
            int off = best * m;
            for (int j = 0; j < m; j++) {
                sum[j] += phi.data[off + j];
            }
            selected[step - 1] = best;
            loss[step - 1] = scoredLoss[bestSlot];
            if (!replacement) {
                swap(pool, bestSlot, poolSize - 1);
                poolSize--;
            }
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

    private static void requireCandidates(int candidates, SplittableRandom random) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates per step must be ≥ 1, got " + candidates);
        }
        if (random == null) {
            throw new IllegalArgumentException("a seeded SplittableRandom is required to draw candidates");
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
