package org.pruneproof.reference.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/** C outputs: with C = 1 the scalar trainer's trajectory; with C = 3 one step is the scaled gradient step by central differences. */
class MultiOutputGradientDescentTest {

    @ParameterizedTest
    @EnumSource(Scaling.class)
    void oneOutputIsTheScalarTrainerWithItsOutputLayerFixed(Scaling scaling) {
        SplittableRandom r = new SplittableRandom(4);
        TwoLayerNetwork net = GradientDescentTest.network(r, 7, 3, scaling);
        DMatrixRMaj x = GradientDescentTest.gaussian(r, 3, 5);
        double[] y = {0.5, -1, 0.2, 1, -0.3};
        TrainingConfig cfg = TrainingConfig.fullBatch(0.05, 20).withCheckpointsEvery(5);
        List<DMatrixRMaj> scalarPhi = new ArrayList<>();
        Trajectory<TwoLayerNetwork> s = GradientDescent.train(net, x, y, cfg, c -> scalarPhi.add(c.features()));
        DMatrixRMaj b = new DMatrixRMaj(7, 1, true, net.outputWeights());
        List<DMatrixRMaj> phi = new ArrayList<>();
        Trajectory<DMatrixRMaj> v = MultiOutputGradientDescent.train(net.inputWeights(), b, net.activation(), scaling, x,
                new DMatrixRMaj(1, 5, true, y), cfg, c -> phi.add(c.features()));
        assertArrayEquals(s.losses(), v.losses(), 1e-12);
        assertArrayEquals(s.finalNetwork().inputWeights().data, v.finalNetwork().data, 1e-12);
        assertEquals(scalarPhi.size(), phi.size());
        for (int k = 0; k < phi.size(); k++) {
            assertArrayEquals(scalarPhi.get(k).data, phi.get(k).data, 1e-12, "checkpoint " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Scaling.class)
    void oneStepIsTheScaledGradientStepOfTheFrobeniusLoss(Scaling scaling) {
        SplittableRandom r = new SplittableRandom(5);
        int n = 4;
        int d = 3;
        int m = 4;
        int classes = 3;
        DMatrixRMaj w = GradientDescentTest.gaussian(r, n, d);
        DMatrixRMaj b = GradientDescentTest.gaussian(r, n, classes);
        DMatrixRMaj x = GradientDescentTest.gaussian(r, d, m);
        DMatrixRMaj y = GradientDescentTest.gaussian(r, classes, m);
        double eta = 0.01;
        DMatrixRMaj after = MultiOutputGradientDescent.train(w, b, Activations.TANH, scaling, x, y,
                TrainingConfig.fullBatch(eta, 1), c -> { }).finalNetwork();
        double kappa = scaling == Scaling.MEAN_FIELD ? n : 1;
        double h = 1e-6;
        for (int k = 0; k < n * d; k++) {
            DMatrixRMaj plus = w.copy();
            DMatrixRMaj minus = w.copy();
            plus.data[k] += h;
            minus.data[k] -= h;
            double grad = (objective(plus, b, scaling, x, y) - objective(minus, b, scaling, x, y)) / (2 * h);
            assertEquals(w.data[k] - eta * kappa * grad, after.data[k], 1e-8, "weight " + k);
        }
    }

    /** ½‖U − Y‖² with U the mean of the rows of the features at iteration 0 (the output as greedy sees it). */
    private static double objective(DMatrixRMaj w, DMatrixRMaj b, Scaling scaling, DMatrixRMaj x, DMatrixRMaj y) {
        double[][] out = new double[1][];
        MultiOutputGradientDescent.train(w, b, Activations.TANH, scaling, x, y, TrainingConfig.fullBatch(0.01, 0).withCheckpoints(0), c -> {
            double[] mean = new double[c.features().numCols];
            for (int rr = 0; rr < c.features().numRows; rr++) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += c.features().get(rr, j) / c.features().numRows;
                }
            }
            assertArrayEquals(c.output(), mean, 1e-12, "the output is the mean of the features' rows");
            out[0] = mean;
        });
        double s = 0;
        for (int k = 0; k < out[0].length; k++) {
            s += (out[0][k] - y.data[k]) * (out[0][k] - y.data[k]);
        }
        return 0.5 * s;
    }
}
