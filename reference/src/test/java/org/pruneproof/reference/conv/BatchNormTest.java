package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    // One channel, two items 1 and 3: μ = 2, σ² = 1; with ε = 3, √(σ² + ε) = 2 and x̂ = (−½, ½).
    private static final Tensor4 X = Tensor4.of(2, 1, 1, 1, 1, 3);

    @Test
    void trainingModeNormalisesWithTheBatchMeanAndBiasedVariance() {
        BatchNorm.Training t = BatchNorm.forwardTraining(X, new double[] {2}, new double[] {1}, 3);
        assertArrayEquals(new double[] {0, 2}, t.output().toArray(), 1e-15);
        assertArrayEquals(new double[] {2}, t.mean(), 0);
        assertArrayEquals(new double[] {1}, t.variance(), 0);
    }

    @Test
    void theTrainingBackwardIncludesTheMeanAndVarianceTerms() {
        // L = y₁ = (x₁ − x₂)/√((x₁ − x₂)²/4 + 3); dL/dx₁ = 3/(d²/4 + 3)^{3/2} at d = −2: 3/8.
        // Without the mean and variance paths the answer would be (1, 0); without the variance path (½, −½).
        BatchNorm.Gradients g = BatchNorm.backwardTraining(X, new double[] {2}, 3, Tensor4.of(2, 1, 1, 1, 1, 0));
        assertArrayEquals(new double[] {0.375, -0.375}, g.input().toArray(), 1e-15);
        assertArrayEquals(new double[] {-0.5}, g.gamma(), 1e-15);
        assertArrayEquals(new double[] {1}, g.beta(), 0);
    }

    @Test
    void inferenceModeUsesTheRunningStatisticsAsConstants() {
        // running μ = 1, v = 3, ε = 1: x̂ = (x − 1)/2 = (0, 1); γ = 2, β = 1: y = (1, 3).
        double[] mu = {1};
        double[] v = {3};
        Tensor4 y = BatchNorm.forwardInference(X, mu, v, new double[] {2}, new double[] {1}, 1);
        assertArrayEquals(new double[] {1, 3}, y.toArray(), 1e-15);
        BatchNorm.Gradients g = BatchNorm.backwardInference(X, mu, v, new double[] {2}, 1, Tensor4.of(2, 1, 1, 1, 1, 0));
        assertArrayEquals(new double[] {1, 0}, g.input().toArray(), 1e-15);
        assertArrayEquals(new double[] {0}, g.gamma(), 1e-15);
        assertArrayEquals(new double[] {1}, g.beta(), 0);
    }

    @Test
    void runningStatisticsMoveByTheMomentumWithTheUnbiasedVariance() {
        BatchNorm.Training t = BatchNorm.forwardTraining(X, new double[] {1}, new double[] {0}, 1e-5);
        double[][] r = BatchNorm.updateRunning(new double[] {0}, new double[] {1}, t, 0.1, 2);
        assertArrayEquals(new double[] {0.2}, r[0], 1e-15);
        // 0.9·1 + 0.1·(1·2/1) = 1.1
        assertArrayEquals(new double[] {1.1}, r[1], 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferencesInBothModes() {
        double[] xs = CentralDifference.gaussian(3 * 2 * 3 * 4, 11);
        double[] gamma = CentralDifference.gaussian(2, 12);
        double[] beta = CentralDifference.gaussian(2, 13);
        double[] r = CentralDifference.gaussian(xs.length, 14);
        double[] mu = {0.3, -0.2};
        double[] v = {0.7, 1.9};
        double eps = 1e-3;
        Tensor4 gradOut = Tensor4.of(3, 2, 3, 4, r);
        DoubleSupplier train = () -> CentralDifference.dot(r,
                BatchNorm.forwardTraining(Tensor4.of(3, 2, 3, 4, xs), gamma, beta, eps).output().toArray());
        BatchNorm.Gradients gt = BatchNorm.backwardTraining(Tensor4.of(3, 2, 3, 4, xs), gamma, eps, gradOut);
        CentralDifference.check("training input", xs, gt.input().toArray(), train);
        CentralDifference.check("training gamma", gamma, gt.gamma(), train);
        CentralDifference.check("training beta", beta, gt.beta(), train);
        DoubleSupplier inference = () -> CentralDifference.dot(r,
                BatchNorm.forwardInference(Tensor4.of(3, 2, 3, 4, xs), mu, v, gamma, beta, eps).toArray());
        BatchNorm.Gradients gi = BatchNorm.backwardInference(Tensor4.of(3, 2, 3, 4, xs), mu, v, gamma, eps, gradOut);
        CentralDifference.check("inference input", xs, gi.input().toArray(), inference);
        CentralDifference.check("inference gamma", gamma, gi.gamma(), inference);
        CentralDifference.check("inference beta", beta, gi.beta(), inference);
    }

    @Test
    void aGammaPerChannelIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forwardTraining(X, new double[] {1, 1}, new double[] {0}, 1e-5));
    }
}
