package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.reference.init.SoftmaxCrossEntropy;

class LinearTest {

    @Test
    void aLinearLayerByHand() {
        DMatrixRMaj w = DMatrixRMaj.wrap(2, 2, new double[] {1, 2, 3, 4});
        DMatrixRMaj x = DMatrixRMaj.wrap(2, 1, new double[] {1, 1});
        assertArrayEquals(new double[] {4, 6}, Linear.forward(x, w, new double[] {1, -1}).data, 0);
        Linear.Gradients g = Linear.backward(x, w, DMatrixRMaj.wrap(2, 1, new double[] {1, 0}));
        assertArrayEquals(new double[] {1, 1, 0, 0}, g.weights().data, 0);
        assertArrayEquals(new double[] {1, 2}, g.input().data, 0);
        assertArrayEquals(new double[] {1, 0}, g.bias(), 0);
    }

    @Test
    void theResidualAdditionAddsAndPassesTheGradientToBoth() {
        Tensor4 y = ResidualAdd.forward(Tensor4.of(1, 1, 1, 2, 1, 2), Tensor4.of(1, 1, 1, 2, 3, 4));
        assertArrayEquals(new double[] {4, 6}, y.toArray(), 0);
        Tensor4[] g = ResidualAdd.backward(Tensor4.of(1, 1, 1, 2, 5, 7));
        assertArrayEquals(new double[] {5, 7}, g[0].toArray(), 0);
        assertArrayEquals(new double[] {5, 7}, g[1].toArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> ResidualAdd.forward(Tensor4.zeros(1, 1, 1, 2), Tensor4.zeros(1, 2, 1, 1)));
    }

    @Test
    void softmaxCrossEntropyOfEqualLogitsIsLogK() {
        SoftmaxCrossEntropy.Value v = SoftmaxCrossEntropy.of(DMatrixRMaj.wrap(2, 1, new double[] {0, 0}), new int[] {0});
        assertEquals(Math.log(2), v.loss(), 1e-15);
        assertArrayEquals(new double[] {-0.5, 0.5}, v.gradient().data, 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        double[] xs = CentralDifference.gaussian(4 * 3, 31);
        double[] ws = CentralDifference.gaussian(5 * 4, 32);
        double[] bs = CentralDifference.gaussian(5, 33);
        double[] r = CentralDifference.gaussian(5 * 3, 34);
        DoubleSupplier loss = () -> CentralDifference.dot(r,
                Linear.forward(DMatrixRMaj.wrap(4, 3, xs), DMatrixRMaj.wrap(5, 4, ws), bs).data);
        Linear.Gradients g = Linear.backward(DMatrixRMaj.wrap(4, 3, xs.clone()), DMatrixRMaj.wrap(5, 4, ws.clone()),
                DMatrixRMaj.wrap(5, 3, r.clone()));
        CentralDifference.check("input", xs, g.input().data, loss);
        CentralDifference.check("weights", ws, g.weights().data, loss);
        CentralDifference.check("bias", bs, g.bias(), loss);
        int[] labels = {0, 4, 2};
        double[] logits = CentralDifference.gaussian(15, 35);
        DoubleSupplier ce = () -> SoftmaxCrossEntropy.of(DMatrixRMaj.wrap(5, 3, logits), labels).loss();
        CentralDifference.check("cross-entropy", logits,
                SoftmaxCrossEntropy.of(DMatrixRMaj.wrap(5, 3, logits.clone()), labels).gradient().data, ce);
    }
}
