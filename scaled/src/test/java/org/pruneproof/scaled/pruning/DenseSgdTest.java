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

/** Masked SGD: one full-batch step is W − η·δ⊙∇W, pruned weights stay zero, training fits a separable task, seeds repeat. */
class DenseSgdTest {

    private static DenseNetwork pruned(SplittableRandom r) {
        INDArray w1 = DenseNetworkTest.gaussian(r, 6, 4, 0.8);
        INDArray w2 = DenseNetworkTest.gaussian(r, 3, 6, 0.6);
        for (int k = 0; k < w1.length(); k += 3) {
            w1.putScalar(k, 0);
        }
        w2.putScalar(4, 0);
        return new DenseNetwork(List.of(w1, w2), List.of(DenseNetworkTest.gaussian(r, 1, 6, 0.2).reshape(6),
                DenseNetworkTest.gaussian(r, 1, 3, 0.2).reshape(3)), HiddenActivation.TANH, Precision.FLOAT64);
    }

    /** Three Gaussian blobs in R^4, labels 0, 1, 2. */
    private static INDArray blobs(SplittableRandom r, int[] labels) {
        INDArray x = DenseNetworkTest.gaussian(r, labels.length, 4, 0.3);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            x.putScalar(i, labels[i], x.getDouble(i, labels[i]) + 2);
        }
        return x;
    }

    @Test
    void oneFullBatchStepIsTheMaskedGradientStep() {
        SplittableRandom r = new SplittableRandom(1);
        DenseNetwork net = pruned(r);
        int[] y = new int[9];
        INDArray x = blobs(r, y);
        DenseNetwork.LossAndGradients g = net.lossAndGradients(x, y);
        DenseNetwork after = DenseSgd.train(net, x, y, new DenseSgd.Schedule(1, 9, 0.5, 3)).network();
        for (int l = 1; l <= 2; l++) {
            INDArray w = net.weight(l);
            INDArray expected = w.sub(g.weightGradients().get(l - 1).mul(w.neq(0).castTo(DataType.DOUBLE)).mul(0.5));
            assertArrayEquals(expected.dup('c').data().asDouble(), after.weight(l).dup('c').data().asDouble(), 1e-12, "W" + l);
            INDArray eb = net.bias(l).sub(g.biasGradients().get(l - 1).mul(0.5));
            assertArrayEquals(eb.dup('c').data().asDouble(), after.bias(l).dup('c').data().asDouble(), 1e-12, "b" + l);
        }
        assertEquals(0.0, net.weight(1).getDouble(0), "the input network is left unchanged");
    }

    @Test
    void prunedWeightsStayZeroAndASeparableTaskIsFitted() {
        SplittableRandom r = new SplittableRandom(2);
        DenseNetwork net = pruned(r);
        int[] y = new int[60];
        INDArray x = blobs(r, y);
        double before = DenseSgd.accuracy(net, x, y);
        // one libnd4j thread: 600 steps on a net of a few dozen weights are otherwise dominated by parallel regions
        DenseSgd.Result res = org.pruneproof.scaled.Nd4jDefaults.withThreads(1,
                () -> DenseSgd.train(net, x, y, new DenseSgd.Schedule(300, 10, 0.2, 5)));
        assertEquals(-1, res.divergedAt());
        for (int l = 1; l <= 2; l++) {
            double[] w0 = net.weight(l).dup('c').data().asDouble();
            double[] w1 = res.network().weight(l).dup('c').data().asDouble();
            for (int k = 0; k < w0.length; k++) {
                if (w0[k] == 0) {
                    assertEquals(0.0, w1[k], "layer " + l + " weight " + k + " was pruned");
                } 
            }
        }
        double acc = DenseSgd.accuracy(res.network(), x, y);
        assertTrue(acc >= 0.95 && res.losses()[299] < res.losses()[0], "accuracy " + before + " → " + acc);
        DenseSgd.Result again = org.pruneproof.scaled.Nd4jDefaults.withThreads(1,
                () -> DenseSgd.train(net, x, y, new DenseSgd.Schedule(300, 10, 0.2, 5)));
        assertArrayEquals(res.losses(), again.losses(), "same seed, same losses");
    }

    @Test
    void aNonFiniteLossStopsTrainingAndSaysWhere() {
        SplittableRandom r = new SplittableRandom(3);
        DenseNetwork net = pruned(r);
        int[] y = new int[9];
        INDArray x = blobs(r, y);
        x.putScalar(0, 0, Double.NaN);
        DenseSgd.Result res = DenseSgd.train(net, x, y, new DenseSgd.Schedule(5, 9, 0.1, 1));
        assertTrue(res.diverged());
        assertEquals(0, res.divergedAt());
        assertEquals(1, res.losses().length);
    }

    @Test
    void accuracyCountsTheArgmaxOfTheLogits() {
        INDArray w = Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {2, 2}, DataType.DOUBLE);
        DenseNetwork net = new DenseNetwork(List.of(w), null, HiddenActivation.TANH, Precision.FLOAT64);
        INDArray x = Nd4j.create(new double[] {2, 1, 0, 3, 5, 4}, new long[] {3, 2}, DataType.DOUBLE);
        assertEquals(2.0 / 3, DenseSgd.accuracy(net, x, new int[] {0, 1, 1}), 1e-15);
    }
}
