package org.pruneproof.reference.conv;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.reference.init.SoftmaxCrossEntropy;

/**
 * A small network with every layer kind, conv–bn–relu–maxpool–grouped conv–bn (inference)–relu–depthwise
 * conv–residual–avgpool–GAP–linear–cross-entropy, whose backward pass (the ops' backward maps chained by
 * hand) matches central differences of the loss in every parameter and input entry.
 */
class ComposedNetworkGradientTest {

    private static final ConvolutionGeometry SAME = ConvolutionGeometry.of(1, 1);
    private static final double EPS = 1e-3;
    private static final int[] LABELS = {2, 0};

    private final Map<String, double[]> p = new LinkedHashMap<>();
    private final double[] runningMean = {0.1, -0.3, 0.2, 0};
    private final double[] runningVar = {0.8, 1.3, 0.5, 2};

    ComposedNetworkGradientTest() {
        long seed = 40;
        p.put("x", CentralDifference.gaussian(2 * 3 * 6 * 6, seed++));
        p.put("w1", CentralDifference.gaussian(4 * 3 * 3 * 3, seed++));
        p.put("b1", CentralDifference.gaussian(4, seed++));
        p.put("gamma1", CentralDifference.gaussian(4, seed++));
        p.put("beta1", CentralDifference.gaussian(4, seed++));
        p.put("w2", CentralDifference.gaussian(4 * 2 * 3 * 3, seed++));
        p.put("gamma2", CentralDifference.gaussian(4, seed++));
        p.put("beta2", CentralDifference.gaussian(4, seed++));
        p.put("w3", CentralDifference.gaussian(4 * 1 * 3 * 3, seed++));
        p.put("fc", CentralDifference.gaussian(3 * 4, seed++));
        p.put("fcBias", CentralDifference.gaussian(3, seed));
    }

    /** The forward pass's intermediate values. */
    private record Pass(Tensor4 x, Tensor4 c1, Tensor4 n1, Tensor4 a1, Tensor4 p1, Tensor4 c2, Tensor4 n2, Tensor4 a2,
                        Tensor4 c3, Tensor4 s, Tensor4 q, DMatrixRMaj z, SoftmaxCrossEntropy.Value loss) {
    }

    private Pass forward() {
        Tensor4 x = Tensor4.of(2, 3, 6, 6, p.get("x"));
        Tensor4 c1 = Convolution.forward(x, Tensor4.of(4, 3, 3, 3, p.get("w1")), p.get("b1"), SAME);
        Tensor4 n1 = BatchNorm.forwardTraining(c1, p.get("gamma1"), p.get("beta1"), EPS).output();
        Tensor4 a1 = Relu.forward(n1);
        Tensor4 p1 = MaxPool.forward(a1, PoolingWindow.of(2, 2, 0));
        Tensor4 c2 = Convolution.forward(p1, Tensor4.of(4, 2, 3, 3, p.get("w2")), null, SAME.withGroups(2));
        Tensor4 n2 = BatchNorm.forwardInference(c2, runningMean, runningVar, p.get("gamma2"), p.get("beta2"), EPS);
        Tensor4 a2 = Relu.forward(n2);
        Tensor4 c3 = Convolution.forward(a2, Tensor4.of(4, 1, 3, 3, p.get("w3")), null, SAME.withGroups(4));
        Tensor4 s = ResidualAdd.forward(c3, p1);
        Tensor4 q = AveragePool.forward(s, PoolingWindow.of(3, 1, 1));
        DMatrixRMaj z = GlobalAveragePool.forward(q);
        DMatrixRMaj logits = Linear.forward(z, DMatrixRMaj.wrap(3, 4, p.get("fc")), p.get("fcBias"));
        return new Pass(x, c1, n1, a1, p1, c2, n2, a2, c3, s, q, z, SoftmaxCrossEntropy.of(logits, LABELS));
    }

    private Map<String, double[]> backward(Pass f) {
        Map<String, double[]> g = new LinkedHashMap<>();
        Linear.Gradients fc = Linear.backward(f.z(), DMatrixRMaj.wrap(3, 4, p.get("fc")), f.loss().gradient());
        g.put("fc", fc.weights().data);
        g.put("fcBias", fc.bias());
        Tensor4 dq = GlobalAveragePool.backward(f.q(), fc.input());
        Tensor4 ds = AveragePool.backward(f.s(), PoolingWindow.of(3, 1, 1), dq);
        Tensor4[] split = ResidualAdd.backward(ds);
        Convolution.Gradients c3 = Convolution.backward(f.a2(), Tensor4.of(4, 1, 3, 3, p.get("w3")), SAME.withGroups(4), split[0]);
        g.put("w3", c3.weights().toArray());
        Tensor4 dn2 = Relu.backward(f.n2(), c3.input());
        BatchNorm.Gradients n2 = BatchNorm.backwardInference(f.c2(), runningMean, runningVar, p.get("gamma2"), EPS, dn2);
        g.put("gamma2", n2.gamma());
        g.put("beta2", n2.beta());
        Convolution.Gradients c2 = Convolution.backward(f.p1(), Tensor4.of(4, 2, 3, 3, p.get("w2")), SAME.withGroups(2), n2.input());
        g.put("w2", c2.weights().toArray());
        Tensor4 dp1 = ResidualAdd.forward(c2.input(), split[1]);
        Tensor4 da1 = MaxPool.backward(f.a1(), PoolingWindow.of(2, 2, 0), dp1);
        Tensor4 dn1 = Relu.backward(f.n1(), da1);
        BatchNorm.Gradients n1 = BatchNorm.backwardTraining(f.c1(), p.get("gamma1"), EPS, dn1);
        g.put("gamma1", n1.gamma());
        g.put("beta1", n1.beta());
        Convolution.Gradients c1 = Convolution.backward(f.x(), Tensor4.of(4, 3, 3, 3, p.get("w1")), SAME, n1.input());
        g.put("w1", c1.weights().toArray());
        g.put("b1", c1.bias());
        g.put("x", c1.input().toArray());
        return g;
    }

    @Test
    void everyParameterAndInputGradientMatchesCentralDifferences() {
        Map<String, double[]> g = backward(forward());
        for (Map.Entry<String, double[]> e : p.entrySet()) {
            CentralDifference.check(e.getKey(), e.getValue(), g.get(e.getKey()), () -> forward().loss().loss());
        }
    }
}
