package org.pruneproof.reference.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

class GradientDescentTest {

    static DMatrixRMaj gaussian(SplittableRandom r, int rows, int cols) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < a.data.length; k++) {
            double u1 = r.nextDouble(1e-300, 1);
            a.data[k] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return a;
    }

    static TwoLayerNetwork network(SplittableRandom r, int n, int d, Scaling scaling) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextBoolean() ? 1 : -1;
        }
        return new TwoLayerNetwork(gaussian(r, n, d), b, Activations.TANH, scaling);
    }

    static double objective(TwoLayerNetwork net, DMatrixRMaj x, double[] y) {
        return 0.5 * Losses.sumSquared(net.output(x), y);
    }

    /**
     * One step equals θ − η·κ·∇(½‖u − y‖²) with κ = 1 (NTK) or N (mean-field), the gradient taken by
     * central finite differences of the network's own output (smooth tanh network).
     */
    @ParameterizedTest
    @CsvSource({"MEAN_FIELD,false", "MEAN_FIELD,true", "NTK,false", "NTK,true"})
    void oneStepIsTheScaledGradientStep(Scaling scaling, boolean trainOutput) {
        SplittableRandom r = new SplittableRandom(3);
        int n = 5;
        int d = 3;
        int m = 4;
        TwoLayerNetwork net = network(r, n, d, scaling);
        DMatrixRMaj x = gaussian(r, d, m);
        double[] y = {0.3, -1, 0.5, 2};
        double eta = 0.01;
        TrainingConfig cfg = TrainingConfig.fullBatch(eta, 1).withTrainedOutputLayer(trainOutput);
        TwoLayerNetwork after = GradientDescent.train(net, x, y, cfg).finalNetwork();
        double kappa = scaling == Scaling.MEAN_FIELD ? n : 1;
        double h = 1e-6;
        for (int k = 0; k < n * d; k++) {
            DMatrixRMaj plus = net.inputWeights().copy();
            DMatrixRMaj minus = net.inputWeights().copy();
            plus.data[k] += h;
            minus.data[k] -= h;
            double grad = (objective(new TwoLayerNetwork(plus, net.outputWeights(), net.activation(), scaling), x, y)
                    - objective(new TwoLayerNetwork(minus, net.outputWeights(), net.activation(), scaling), x, y)) / (2 * h);
            assertEquals(net.inputWeights().data[k] - eta * kappa * grad, after.inputWeights().data[k], 1e-8);
        }
        for (int i = 0; i < n; i++) {
            double[] plus = net.outputWeights().clone();
            double[] minus = net.outputWeights().clone();
            plus[i] += h;
            minus[i] -= h;
            double grad = (objective(new TwoLayerNetwork(net.inputWeights(), plus, net.activation(), scaling), x, y)
                    - objective(new TwoLayerNetwork(net.inputWeights(), minus, net.activation(), scaling), x, y)) / (2 * h);
            double expected = trainOutput ? net.outputWeights()[i] - eta * kappa * grad : net.outputWeights()[i];
            assertEquals(expected, after.outputWeights()[i], 1e-8);
        }
    }

    @Test
    void smallStepsReduceTheLossAndTheLossesAreTheNetworksOwn() {
        SplittableRandom r = new SplittableRandom(5);
        TwoLayerNetwork net = network(r, 50, 4, Scaling.MEAN_FIELD);
        DMatrixRMaj x = gaussian(r, 4, 10);
        double[] y = new double[10];
        for (int j = 0; j < 10; j++) {
            y[j] = Math.sin(j);
        }
        Trajectory<TwoLayerNetwork> tr = GradientDescent.train(net, x, y, TrainingConfig.fullBatch(0.01, 200));
        assertFalse(tr.diverged());
        assertEquals(201, tr.losses().length);
        assertEquals(Losses.sumSquared(net.output(x), y), tr.lossAt(0), 1e-12);
        assertEquals(Losses.sumSquared(tr.finalNetwork().output(x), y), tr.lossAt(200), 1e-12);
        assertTrue(tr.lossAt(200) < 0.5 * tr.lossAt(0), tr.lossAt(0) + " -> " + tr.lossAt(200));
    }

    @Test
    void aHugeStepIsReportedAsDivergedNotContinued() {
        SplittableRandom r = new SplittableRandom(7);
        TwoLayerNetwork ones = new TwoLayerNetwork(gaussian(r, 20, 3), filled(20, 1), Activations.RELU, Scaling.NTK);
        DMatrixRMaj x = gaussian(r, 3, 6);
        double[] y = filled(6, 1);
        Trajectory<TwoLayerNetwork> tr = GradientDescent.train(ones, x, y, TrainingConfig.fullBatch(1e6, 500).withTrainedOutputLayer(true));
        assertTrue(tr.diverged(), "diverged");
        assertEquals(Trajectory.Status.DIVERGED, tr.status());
        assertTrue(tr.divergedAt() > 0 && tr.divergedAt() < 500);
        assertFalse(Double.isFinite(tr.lossAt(tr.divergedAt())));
        assertEquals(tr.divergedAt() - 1, tr.completedIterations());
    }

    @Test
    void miniBatchSgdIsReproducibleFromItsSeedAndDiffersAcrossSeeds() {
        SplittableRandom r = new SplittableRandom(11);
        TwoLayerNetwork net = network(r, 30, 3, Scaling.MEAN_FIELD);
        DMatrixRMaj x = gaussian(r, 3, 12);
        double[] y = filled(12, 0.5);
        TrainingConfig cfg = TrainingConfig.fullBatch(0.01, 50).withMiniBatches(4, 99);
        double[] a = GradientDescent.train(net, x, y, cfg).losses();
        double[] b = GradientDescent.train(net, x, y, cfg).losses();
        double[] c = GradientDescent.train(net, x, y, cfg.withMiniBatches(4, 100)).losses();
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c));
        assertTrue(a[50] < a[0]);
    }

    @Test
    void aBatchOfAllPointsIsFullBatchDescent() {
        SplittableRandom r = new SplittableRandom(13);
        TwoLayerNetwork net = network(r, 10, 3, Scaling.NTK);
        DMatrixRMaj x = gaussian(r, 3, 5);
        double[] y = filled(5, -0.5);
        TrainingConfig cfg = TrainingConfig.fullBatch(0.05, 20);
        assertArrayEquals(GradientDescent.train(net, x, y, cfg).losses(),
                GradientDescent.train(net, x, y, cfg.withMiniBatches(5, 1)).losses(), 1e-12);
    }

    @Test
    void checkpointsHandOverFeaturesWhoseRowMeanIsTheOutput() {
        SplittableRandom r = new SplittableRandom(17);
        for (Scaling s : Scaling.values()) {
            TwoLayerNetwork net = network(r, 40, 3, s);
            DMatrixRMaj x = gaussian(r, 3, 7);
            double[] y = filled(7, 1);
            List<Checkpoint> seen = new ArrayList<>();
            Trajectory<TwoLayerNetwork> tr = GradientDescent.train(net, x, y, TrainingConfig.fullBatch(0.05, 10).withCheckpointsEvery(5), seen::add);
            assertEquals(List.of(0, 5, 10), seen.stream().map(Checkpoint::iteration).toList());
            for (Checkpoint c : seen) {
                assertArrayEquals(c.output(), Losses.rowMean(c.features()), 1e-12);
                assertArrayEquals(c.network().output(x), c.output(), 1e-12);
                assertEquals(tr.lossAt(c.iteration()), c.denseLoss(y), 1e-12);
            }
        }
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
