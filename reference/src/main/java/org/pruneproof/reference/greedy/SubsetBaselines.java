package org.pruneproof.reference.greedy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * Baselines to set beside greedy forward selection: nested subsets taken in an order that does not
 * look at the target. Each returns a {@link GreedyPath} whose first n selections form the size-n
 * subset S_n (no repeats) and whose loss is {@code L(S_n) = (1/m)·‖(1/n)·Σ_{i∈S_n} φ_i − y‖²}.
 * <ul>
 *   <li>{@link #randomOrder}: S_n = the first n neurons of a uniformly random permutation;</li>
 *   <li>{@link #largestOutputWeight}: S_n = the n neurons of largest |b_i| (magnitude pruning of the
 *       output layer), ties to the lowest index.</li>
 * </ul>
 */
public final class SubsetBaselines {

    private SubsetBaselines() {
    }

    /** Random nested subsets: the prefixes of a uniform random permutation of the N neurons. */
    public static GreedyPath randomOrder(DMatrixRMaj phi, double[] y, int steps, SplittableRandom random) {
        if (random == null) {
            throw new IllegalArgumentException("a seeded SplittableRandom is required");
        }
        int[] order = IntStream.range(0, phi.numRows).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return prefixes(phi, y, order, steps);
    }

    /**
     * Nested subsets by decreasing magnitude of the output weight |b_i| (ties to the lowest index).
     *
     * @param weights one output weight per row of Φ
     */
    public static GreedyPath largestOutputWeight(DMatrixRMaj phi, double[] weights, double[] y, int steps) {
        FeatureGeometry.requireLength(weights, phi.numRows);
        int[] order = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(weights[i])).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        return prefixes(phi, y, order, steps);
    }

    /**
     * Nested subsets of a two-layer network by decreasing |b_i|, scored on its features on the given
     * inputs (d×m, one point per column).
     */
    public static GreedyPath largestOutputWeight(TwoLayerNetwork net, DMatrixRMaj inputs, double[] y, int steps) {
        return largestOutputWeight(net.features(inputs), net.outputWeights(), y, steps);
    }

    /** The losses of the prefixes of {@code order}: loss[n−1] = L(mean of φ_{order[0..n)}). */
    static GreedyPath prefixes(DMatrixRMaj phi, double[] y, int[] order, int steps) {
        int m = phi.numCols;
        FeatureGeometry.requireLength(y, m);
        if (steps < 1 || steps > order.length) {
            throw new IllegalArgumentException("steps must be in [1, N = " + order.length + "], got " + steps);
        }
        double[] sum = new double[m];
        double[] loss = new double[steps];
        for (int n = 1; n <= steps; n++) {
            int off = order[n - 1] * m;
            for (int j = 0; j < m; j++) {
                sum[j] += phi.data[off + j];
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                double d = sum[j] / n - y[j];
                s += d * d;
            }
            loss[n - 1] = s / m;
        }
        return new GreedyPath(Arrays.copyOf(order, steps), loss);
    }
}
