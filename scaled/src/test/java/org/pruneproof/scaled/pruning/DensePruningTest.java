package org.pruneproof.scaled.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DenseNetwork.HiddenActivation;
import org.pruneproof.theory.pruning.PruningMethod;

/** Scores, kept counts and the SBP-SR rescaling of fully connected pruning at initialisation. */
class DensePruningTest {

    @Test
    void snipScoresOfOneLayerAreWeightTimesTheSoftmaxGradientComputedByHand() {
        // one layer, 2 classes, d = 2, one point x = (1, 2), label 0, no bias: z = W x
        double[] w = {0.5, -1, 2, 0.25};
        INDArray x = Nd4j.create(new double[] {1, 2}, new long[] {1, 2}, DataType.DOUBLE);
        DenseNetwork net = new DenseNetwork(List.of(Nd4j.create(w, new long[] {2, 2}, DataType.DOUBLE)), null,
                HiddenActivation.RELU, Precision.FLOAT64);
        double z0 = 0.5 - 2;
        double z1 = 2 + 0.5;
        double p0 = Math.exp(z0) / (Math.exp(z0) + Math.exp(z1));
        double p1 = 1 - p0;
        // ∂loss/∂W_ij = (p_i − [i = 0])·x_j
        double[] expected = {Math.abs(0.5 * (p0 - 1) * 1), Math.abs(-1 * (p0 - 1) * 2), Math.abs(2 * p1 * 1), Math.abs(0.25 * p1 * 2)};
        double[][] s = DensePruning.scores(net, PruningMethod.SNIP, x, new int[] {0}, 0);
        assertArrayEquals(expected, s[0], 1e-15);
    }

    private static DenseNetwork randomNet(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new DenseNetwork(List.of(DenseNetworkTest.gaussian(r, 6, 4, 0.7), DenseNetworkTest.gaussian(r, 5, 6, 0.6),
                DenseNetworkTest.gaussian(r, 3, 5, 0.6)), null, HiddenActivation.TANH, Precision.FLOAT64);
    }

    @Test
    void exactlyRoundOfOneMinusSTimesMWeightsAreKept() {
        DenseNetwork net = randomNet(3);
        INDArray x = DenseNetworkTest.gaussian(new SplittableRandom(4), 5, 4, 1);
        int[] labels = {0, 1, 2, 2, 1};
        for (PruningMethod m : PruningMethod.values()) {
            for (double s : new double[] {0, 0.3, 0.5, 0.9, 0.99}) {
                DensePruningResult r = DensePruning.prune(net, m, s, x, labels, 7, new double[] {2, 2, 2});
                long kept = 0;
                for (double[] layer : r.weights()) {
                    for (double v : layer) {
                        kept += v != 0 ? 1 : 0;
                    }
                }
                assertEquals(Math.round((1 - s) * (24 + 30 + 15)), r.selection().kept(), m + " at s = " + s);
                assertEquals(r.selection().kept(), kept, m + " at s = " + s + ": nonzero weights");
            }
        }
    }

    @Test
    void sbpSrRestoresEveryKeptRowToItsTargetNormAndReportsDeadRows() {
        // s = 0.9 keeps round(0.1·69) = 7 weights for 6 + 5 + 3 = 14 rows: at least 7 rows are dead
        DenseNetwork net = randomNet(5);
        INDArray x = DenseNetworkTest.gaussian(new SplittableRandom(6), 4, 4, 1);
        double[] targets = {2, 1.5, 0.5};
        DensePruningResult r = DensePruning.prune(net, PruningMethod.SBP_SR, 0.9, x, new int[] {0, 1, 2, 0}, 0, targets);
        int deadSeen = 0;
        for (int l = 0; l < 3; l++) {
            int cols = (int) net.weight(l + 1).columns();
            int rows = (int) net.weight(l + 1).rows();
            List<Integer> dead = java.util.Arrays.stream(r.deadRows()[l]).boxed().toList();
            for (int i = 0; i < rows; i++) {
                double norm2 = 0;
                for (int j = 0; j < cols; j++) {
                    double v = r.weights()[l][i * cols + j];
                    norm2 += v * v;
                    assertEquals(r.selection().keep()[l][i * cols + j], v != 0, "only kept weights are nonzero");
                }
                if (dead.contains(i)) {
                    assertEquals(0, norm2);
                    deadSeen++;
                } else {
                    assertEquals(targets[l], norm2, 1e-12 * targets[l], "layer " + (l + 1) + " row " + i);
                }
            }
        }
        assertTrue(deadSeen >= 7, "dead rows reported: " + deadSeen);
    }

    @Test
    void randomScoresComeFromTheSeedLayerByLayerRowMajor() {
        DenseNetwork net = randomNet(8);
        double[][] s = DensePruning.scores(net, PruningMethod.RANDOM, null, null, 42);
        SplittableRandom r = new SplittableRandom(42);
        for (double[] layer : s) {
            for (double v : layer) {
                assertEquals(r.nextDouble(), v);
            }
        }
    }
}
