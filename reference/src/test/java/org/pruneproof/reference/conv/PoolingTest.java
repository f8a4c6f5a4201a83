package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class PoolingTest {

    // Rows (1, 3, 2, 2) and (4, 0, 2, 2): two 2×2 windows, {1, 3, 4, 0} and {2, 2, 2, 2} (a four-way tie).
    private static final Tensor4 X = Tensor4.of(1, 1, 2, 4, 1, 3, 2, 2, 4, 0, 2, 2);

    @Test
    void maxPoolingTakesTheWindowMaximumAndSendsTheGradientToTheFirstMaximum() {
        PoolingWindow w = PoolingWindow.of(2, 2, 0);
        assertArrayEquals(new double[] {4, 2}, MaxPool.forward(X, w).toArray(), 0);
        Tensor4 g = MaxPool.backward(X, w, Tensor4.of(1, 1, 1, 2, 1, 10));
        assertArrayEquals(new double[] {0, 0, 10, 0, 1, 0, 0, 0}, g.toArray(), 0);
    }

    @Test
    void maxPoolingPaddingNeverWins() {
        Tensor4 x = Tensor4.of(1, 1, 1, 2, -5, -7);
        assertArrayEquals(new double[] {-5, -5}, MaxPool.forward(x, new PoolingWindow(1, 3, 1, 1, 0, 1)).toArray(), 0);
    }

    @Test
    void averagePoolingCountsPaddedZeros() {
        assertArrayEquals(new double[] {2, 2}, AveragePool.forward(X, PoolingWindow.of(2, 2, 0)).toArray(), 0);
        Tensor4 x = Tensor4.of(1, 1, 2, 2, 1, 2, 3, 4);
        // pad 1, kernel 2, stride 2: each window holds one input entry and three zeros.
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1}, AveragePool.forward(x, PoolingWindow.of(2, 2, 1)).toArray(), 0);
        Tensor4 g = AveragePool.backward(X, PoolingWindow.of(2, 2, 0), Tensor4.of(1, 1, 1, 2, 4, 8));
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2}, g.toArray(), 0);
    }

    @Test
    void globalAveragePoolingGivesOneFeatureColumnPerItem() {
        Tensor4 x = Tensor4.of(2, 1, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8);
        assertArrayEquals(new double[] {2.5, 6.5}, GlobalAveragePool.forward(x).data, 0);
        Tensor4 g = GlobalAveragePool.backward(x, org.ejml.data.DMatrixRMaj.wrap(1, 2, new double[] {4, 8}));
        assertArrayEquals(new double[] {1, 1, 1, 1, 2, 2, 2, 2}, g.toArray(), 0);
    }

    @Test
    void reluZeroesNegativesAndHasZeroSlopeAtZero() {
        Tensor4 x = Tensor4.of(1, 1, 1, 3, -1, 0, 2);
        assertArrayEquals(new double[] {0, 0, 2}, Relu.forward(x).toArray(), 0);
        assertArrayEquals(new double[] {0, 0, 5}, Relu.backward(x, Tensor4.of(1, 1, 1, 3, 5, 5, 5)).toArray(), 0);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        double[] xs = CentralDifference.gaussian(2 * 3 * 5 * 5, 21);
        PoolingWindow[] windows = {PoolingWindow.of(2, 2, 0), PoolingWindow.of(3, 2, 1), new PoolingWindow(3, 2, 1, 2, 1, 1)};
        for (PoolingWindow w : windows) {
            Tensor4 y = MaxPool.forward(Tensor4.of(2, 3, 5, 5, xs), w);
            double[] r = CentralDifference.gaussian(y.size(), 22);
            Tensor4 gradOut = Tensor4.of(y.batch(), y.channels(), y.height(), y.width(), r);
            DoubleSupplier max = () -> CentralDifference.dot(r, MaxPool.forward(Tensor4.of(2, 3, 5, 5, xs), w).toArray());
            CentralDifference.check("max " + w, xs, MaxPool.backward(Tensor4.of(2, 3, 5, 5, xs), w, gradOut).toArray(), max);
            DoubleSupplier avg = () -> CentralDifference.dot(r, AveragePool.forward(Tensor4.of(2, 3, 5, 5, xs), w).toArray());
            CentralDifference.check("avg " + w, xs, AveragePool.backward(Tensor4.of(2, 3, 5, 5, xs), w, gradOut).toArray(), avg);
        }
        double[] r = CentralDifference.gaussian(xs.length, 23);
        DoubleSupplier relu = () -> CentralDifference.dot(r, Relu.forward(Tensor4.of(2, 3, 5, 5, xs)).toArray());
        CentralDifference.check("relu", xs, Relu.backward(Tensor4.of(2, 3, 5, 5, xs), Tensor4.of(2, 3, 5, 5, r)).toArray(), relu);
        double[] rg = CentralDifference.gaussian(6, 24);
        DoubleSupplier gap = () -> CentralDifference.dot(rg, GlobalAveragePool.forward(Tensor4.of(2, 3, 5, 5, xs)).data);
        CentralDifference.check("gap", xs, GlobalAveragePool.backward(Tensor4.of(2, 3, 5, 5, xs),
                org.ejml.data.DMatrixRMaj.wrap(3, 2, rg.clone())).toArray(), gap);
    }

    @Test
    void paddingOverHalfTheKernelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PoolingWindow.of(2, 1, 2));
    }
}
