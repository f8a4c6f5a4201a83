package org.pruneproof.scaled.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DenseNetwork.HiddenActivation;

/** The network's loss against a hand computation, and its gradients against central differences. */
class DenseNetworkTest {

    static INDArray gaussian(SplittableRandom r, int rows, int cols, double scale) {
        double[] d = new double[rows * cols];
        for (int k = 0; k < d.length; k++) {
            d[k] = scale * r.nextGaussian();
        }
        return Nd4j.create(d, new long[] {rows, cols}, DataType.DOUBLE);
    }

    @Test
    void oneLayerLossIsTheSoftmaxCrossEntropyComputedByHand() {
        INDArray w = Nd4j.create(new double[] {1, 2, -1, 0.5, 0, 3}, new long[] {3, 2}, DataType.DOUBLE);
        INDArray b = Nd4j.create(new double[] {0.1, -0.2, 0.3}, new long[] {3}, DataType.DOUBLE);
        INDArray x = Nd4j.create(new double[] {1, -1, 0.5, 2}, new long[] {2, 2}, DataType.DOUBLE);
        DenseNetwork net = new DenseNetwork(List.of(w), List.of(b), HiddenActivation.RELU, Precision.FLOAT64);
        // z for x=(1,−1): (1−2+0.1, −1−0.5−0.2, 0−3+0.3) = (−0.9, −1.7, −2.7), label 0
        // z for x=(0.5,2): (0.5+4+0.1, −0.5+1−0.2, 0+6+0.3) = (4.6, 0.3, 6.3), label 2
        double l1 = Math.log(Math.exp(-0.9) + Math.exp(-1.7) + Math.exp(-2.7)) + 0.9;
        double l2 = Math.log(Math.exp(4.6) + Math.exp(0.3) + Math.exp(6.3)) - 6.3;
        double loss = net.lossAndGradients(x, new int[] {0, 2}).loss();
        assertEquals((l1 + l2) / 2, loss, 1e-14);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (HiddenActivation act : HiddenActivation.values()) {
            SplittableRandom r = new SplittableRandom(act.ordinal());
            List<INDArray> ws = List.of(gaussian(r, 5, 4, 0.7), gaussian(r, 6, 5, 0.5), gaussian(r, 3, 6, 0.5));
            List<INDArray> bs = List.of(gaussian(r, 1, 5, 0.1).reshape(5), gaussian(r, 1, 6, 0.1).reshape(6),
                    gaussian(r, 1, 3, 0.1).reshape(3));
            INDArray x = gaussian(r, 7, 4, 1);
            int[] labels = {0, 1, 2, 0, 1, 2, 2};
            DenseNetwork net = new DenseNetwork(ws, bs, act, Precision.FLOAT64);
            List<INDArray> grads = net.lossAndGradients(x, labels).weightGradients();
            double h = 1e-6;
            for (int l = 0; l < 3; l++) {
                for (int k = 0; k < ws.get(l).length(); k += 3) {
                    INDArray plus = ws.get(l).dup();
                    INDArray minus = ws.get(l).dup();
                    plus.putScalar(k, plus.getDouble(k) + h);
                    minus.putScalar(k, minus.getDouble(k) - h);
                    double fp = netWith(ws, bs, l, plus, act).lossAndGradients(x, labels).loss();
                    double fm = netWith(ws, bs, l, minus, act).lossAndGradients(x, labels).loss();
                    double fd = (fp - fm) / (2 * h);
                    double g = grads.get(l).dup('c').getDouble(k);
                    assertTrue(Math.abs(fd - g) <= 1e-6 * Math.max(1e-3, Math.abs(g)),
                            act + " layer " + (l + 1) + " weight " + k + ": backprop " + g + ", central difference " + fd);
                }
            }
        }
    }

    @Test
    void biasGradientsMatchCentralDifferences() {
        for (HiddenActivation act : HiddenActivation.values()) {
            SplittableRandom r = new SplittableRandom(10 + act.ordinal());
            List<INDArray> ws = List.of(gaussian(r, 5, 4, 0.7), gaussian(r, 3, 5, 0.5));
            List<INDArray> bs = List.of(gaussian(r, 1, 5, 0.3).reshape(5), gaussian(r, 1, 3, 0.3).reshape(3));
            INDArray x = gaussian(r, 6, 4, 1);
            int[] labels = {0, 1, 2, 0, 2, 1};
            List<INDArray> grads = new DenseNetwork(ws, bs, act, Precision.FLOAT64).lossAndGradients(x, labels).biasGradients();
            double h = 1e-6;
            for (int l = 0; l < 2; l++) {
                assertEquals(1, grads.get(l).rows(), "a 1×out row");
                for (int k = 0; k < bs.get(l).length(); k++) {
                    INDArray plus = bs.get(l).dup();
                    INDArray minus = bs.get(l).dup();
                    plus.putScalar(k, plus.getDouble(k) + h);
                    minus.putScalar(k, minus.getDouble(k) - h);
                    List<INDArray> bp = new java.util.ArrayList<>(bs);
                    List<INDArray> bm = new java.util.ArrayList<>(bs);
                    bp.set(l, plus);
                    bm.set(l, minus);
                    double fd = (new DenseNetwork(ws, bp, act, Precision.FLOAT64).lossAndGradients(x, labels).loss()
                            - new DenseNetwork(ws, bm, act, Precision.FLOAT64).lossAndGradients(x, labels).loss()) / (2 * h);
                    double g = grads.get(l).getDouble(0, k);
                    assertTrue(Math.abs(fd - g) <= 1e-6 * Math.max(1e-3, Math.abs(g)),
                            act + " layer " + (l + 1) + " bias " + k + ": backprop " + g + ", central difference " + fd);
                }
            }
        }
    }

    private static DenseNetwork netWith(List<INDArray> ws, List<INDArray> bs, int l, INDArray w, HiddenActivation act) {
        List<INDArray> copy = new java.util.ArrayList<>(ws);
        copy.set(l, w);
        return new DenseNetwork(copy, bs, act, Precision.FLOAT64);
    }

    @Test
    void inconsistentShapesAreRefused() {
        INDArray w1 = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        INDArray w2 = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseNetwork(List.of(w1, w2), null, HiddenActivation.TANH, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("W2 has 4 inputs, but W1 has 3 outputs"), e.getMessage());
        DenseNetwork net = new DenseNetwork(List.of(w1), null, HiddenActivation.TANH, Precision.FLOAT32);
        e = assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradients(Nd4j.zeros(DataType.DOUBLE, 2, 2), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
    }

    @Test
    void float64TanhIsRelativelyAccurateNearZero() {
        // logits = 1·tanh(1e-9·x) with x = 1.4: tanh(1.4e-9) = 1.4e-9 to 1e-27 relative; ND4J's own tanh is off by ~1e-8 here
        INDArray w1 = Nd4j.create(new double[] {1e-9}, new long[] {1, 1}, DataType.DOUBLE);
        INDArray w2 = Nd4j.create(new double[] {1}, new long[] {1, 1}, DataType.DOUBLE);
        DenseNetwork net = new DenseNetwork(List.of(w1, w2), null, HiddenActivation.TANH, Precision.FLOAT64);
        double logit = net.logits(Nd4j.create(new double[] {1.4}, new long[] {1, 1}, DataType.DOUBLE)).getDouble(0, 0);
        assertEquals(1.4e-9, logit, 1e-15 * 1.4e-9);
    }
}
