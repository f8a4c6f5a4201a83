package org.pruneproof.scaled.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/**
 * The scaled gradient descent against an oracle written here from the formulas (plain double loops over
 * neurons and points), against central differences of the loss, and its divergence and batch rules.
 */
class ScaledGradientDescentTest {

    /** A small random problem: W N×d Gaussian, b ±1, X d×m Gaussian, y Gaussian. */
    record Problem(double[][] w, double[] b, double[][] x, double[] y) {
        static Problem random(long seed, int n, int m, int d) {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] w = new double[n][d];
            double[] b = new double[n];
            double[][] x = new double[d][m];
            double[] y = new double[m];
            for (int i = 0; i < n; i++) {
                b[i] = r.nextBoolean() ? 1 : -1;
                for (int k = 0; k < d; k++) {
                    w[i][k] = r.nextGaussian();
                }
            }
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < m; j++) {
                    x[k][j] = r.nextGaussian() / Math.sqrt(d);
                }
            }
            for (int j = 0; j < m; j++) {
                y[j] = r.nextGaussian();
            }
            return new Problem(w, b, x, y);
        }

        INDArray inputs() {
            return Nd4j.create(x);
        }
    }

    /** The loss S = ‖u − y‖², u_j = c_N Σ_r b_r max(w_r·x_j, 0), by the definition. */
    static double oracleLoss(double[][] w, double[] b, double[][] x, double[] y, Scaling s) {
        int n = w.length;
        double c = s.outputFactor(n);
        double loss = 0;
        for (int j = 0; j < y.length; j++) {
            double u = 0;
            for (int r = 0; r < n; r++) {
                double z = 0;
                for (int k = 0; k < x.length; k++) {
                    z += w[r][k] * x[k][j];
                }
                u += c * b[r] * Math.max(z, 0);
            }
            loss += (u - y[j]) * (u - y[j]);
        }
        return loss;
    }

    /** Losses of T full-batch iterations by the formulas of {@link GradientIteration}, one neuron at a time. */
    static double[] oracleTrajectory(Problem p, Scaling s, double eta, int iterations, boolean trainB) {
        int n = p.w.length;
        int d = p.x.length;
        int m = p.y.length;
        double[][] w = new double[n][];
        for (int r = 0; r < n; r++) {
            w[r] = p.w[r].clone();
        }
        double[] b = p.b.clone();
        double c = s.outputFactor(n);
        double step = eta * (s == Scaling.MEAN_FIELD ? n : 1) * c;
        double[] losses = new double[iterations + 1];
        for (int t = 0; t <= iterations; t++) {
            losses[t] = oracleLoss(w, b, p.x, p.y, s);
            double[][] z = new double[n][m];
            double[] u = new double[m];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < d; k++) {
                        z[r][j] += w[r][k] * p.x[k][j];
                    }
                    u[j] += c * b[r] * Math.max(z[r][j], 0);
                }
            }
            double[][] nw = new double[n][d];
            double[] nb = b.clone();
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < d; k++) {
                    double grad = 0;
                    for (int j = 0; j < m; j++) {
                        grad += b[r] * (z[r][j] >= 0 ? 1 : 0) * (u[j] - p.y[j]) * p.x[k][j];
                    }
                    nw[r][k] = w[r][k] - step * grad;
                }
                if (trainB) {
                    double grad = 0;
                    for (int j = 0; j < m; j++) {
                        grad += (u[j] - p.y[j]) * Math.max(z[r][j], 0);
                    }
                    nb[r] = b[r] - step * grad;
                }
            }
            w = nw;
            b = nb;
        }
        return losses;
    }

    @Test
    void fullBatchLossesFollowTheFormulasInBothScalingsWithFixedAndTrainedOutputLayer() {
        Problem p = Problem.random(1, 7, 9, 3);
        for (Scaling s : Scaling.values()) {
            for (boolean trainB : new boolean[] {false, true}) {
                double eta = 0.3 / 9;
                double[] expected = oracleTrajectory(p, s, eta, 12, trainB);
                Trajectory<ScaledTwoLayerNetwork> run = ScaledGradientDescent.train(ScaledTwoLayerNetwork.of(p.w, p.b, s, Precision.FLOAT64),
                        p.inputs(), p.y, TrainingConfig.fullBatch(eta, 12).withTrainedOutputLayer(trainB));
                assertEquals(Trajectory.Status.COMPLETED, run.status());
                for (int t = 0; t <= 12; t++) {
                    assertEquals(expected[t], run.lossAt(t), 1e-12 * expected[t], s + " trained=" + trainB + " t=" + t);
                }
                assertTrue(run.lossAt(12) < run.lossAt(0), "a small step decreases the loss");
            }
        }
    }

    @Test
    void theUpdateIsTheGradientStepCheckedByCentralDifferences() {
        Problem p = Problem.random(2, 4, 5, 2);
        for (Scaling s : Scaling.values()) {
            ScaledTwoLayerNetwork net = ScaledTwoLayerNetwork.of(p.w, p.b, s, Precision.FLOAT64);
            double eta = 1e-3;
            GradientIteration it = new GradientIteration(net, p.inputs(), p.y, eta, true);
            it.forward();
            it.step(null);
            double[][] w1 = it.network().inputWeightsAsArray();
            double[] b1 = it.network().outputWeightsAsArray();
            double scale = eta * (s == Scaling.MEAN_FIELD ? p.w.length : 1);
            double h = 1e-6;
            for (int r = 0; r < p.w.length; r++) {
                for (int k = 0; k < p.x.length; k++) {
                    double[][] plus = copy(p.w);
                    double[][] minus = copy(p.w);
                    plus[r][k] += h;
                    minus[r][k] -= h;
                    double grad = (oracleLoss(plus, p.b, p.x, p.y, s) - oracleLoss(minus, p.b, p.x, p.y, s)) / (4 * h);
                    assertEquals(-scale * grad, w1[r][k] - p.w[r][k], 1e-7 * scale, s + " ∂/∂w[" + r + "][" + k + "]");
                }
                double[] plus = p.b.clone();
                double[] minus = p.b.clone();
                plus[r] += h;
                minus[r] -= h;
                double grad = (oracleLoss(p.w, plus, p.x, p.y, s) - oracleLoss(p.w, minus, p.x, p.y, s)) / (4 * h);
                assertEquals(-scale * grad, b1[r] - p.b[r], 1e-7 * scale, s + " ∂/∂b[" + r + "]");
            }
        }
    }

    @Test
    void theReluDerivativeAtZeroIsOneAsInTheReferenceEngine() {
        // z = w·x = 1 − 1 = 0 exactly at the single point: the right derivative 1 moves w, the left one would not
        Problem p = new Problem(new double[][] {{1, -1}}, new double[] {1}, new double[][] {{1}, {1}}, new double[] {1});
        ScaledTwoLayerNetwork net = ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.NTK, Precision.FLOAT64);
        GradientIteration it = new GradientIteration(net, p.inputs(), p.y, 0.5, false);
        assertEquals(1.0, it.forward());
        it.step(null);
        // R = u − y = −1, G = 1·1·(−1), W ← W − 0.5·G·xᵀ = (1.5, −0.5)
        assertArrayEquals(new double[] {1.5, -0.5}, it.network().inputWeightsAsArray()[0], 0);
    }

    @Test
    void miniBatchesUseThePartialFisherYatesDrawsAndTheUnbiasedEstimate() {
        Problem p = Problem.random(3, 5, 8, 3);
        long seed = 77;
        int batch = 3;
        // the draws, written out: a persistent order, slots k and k + nextInt(m − k) swapped for k < B
        SplittableRandom r = new SplittableRandom(seed);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        BatchSampler sampler = new BatchSampler(8, batch, seed);
        List<int[]> batches = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < batch; k++) {
                int j = k + r.nextInt(8 - k);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
            }
            int[] expected = java.util.Arrays.copyOf(order, batch);
            int[] drawn = sampler.next();
            assertArrayEquals(expected, drawn, "batch of iteration " + t);
            batches.add(drawn);
        }
        // one SGD iteration = one full-batch step on the batch's points with residuals multiplied by m/B
        ScaledTwoLayerNetwork net = ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.MEAN_FIELD, Precision.FLOAT64);
        Trajectory<ScaledTwoLayerNetwork> sgd = ScaledGradientDescent.train(net, p.inputs(), p.y,
                TrainingConfig.fullBatch(0.05, 1).withTrainedOutputLayer(true).withMiniBatches(batch, seed));
        int[] first = batches.get(0);
        GradientIteration it = new GradientIteration(net, p.inputs(), p.y, 0.05, true);
        it.forward();
        it.step(first);
        double expected = oracleLoss(it.network().inputWeightsAsArray(), it.network().outputWeightsAsArray(), p.x, p.y,
                Scaling.MEAN_FIELD);
        assertEquals(expected, sgd.lossAt(1), 1e-13 * expected);
        double[][] xb = new double[3][batch];
        double[] yb = new double[batch];
        for (int k = 0; k < batch; k++) {
            yb[k] = p.y[first[k]];
            for (int c = 0; c < 3; c++) {
                xb[c][k] = p.x[c][first[k]];
            }
        }
        // the same step as full-batch GD on the batch alone with η·m/B
        GradientIteration onBatch = new GradientIteration(net, Nd4j.create(xb), yb, 0.05 * 8 / batch, true);
        onBatch.forward();
        onBatch.step(null);
        assertArrayEquals(flatten(onBatch.network().inputWeightsAsArray()), flatten(it.network().inputWeightsAsArray()), 1e-13);
        assertArrayEquals(onBatch.network().outputWeightsAsArray(), it.network().outputWeightsAsArray(), 1e-13);
    }

    @Test
    void singleNeuronsPointsAndBatchesOfOneFollowTheFormulas() {
        for (int[] shape : new int[][] {{1, 1, 1}, {1, 3, 1}, {3, 1, 1}, {1, 1, 2}}) {
            Problem p = Problem.random(8, shape[0], shape[1], shape[2]);
            ScaledTwoLayerNetwork net = ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.MEAN_FIELD, Precision.FLOAT64);
            double[] expected = oracleTrajectory(p, Scaling.MEAN_FIELD, 0.1, 3, true);
            double[] full = ScaledGradientDescent.train(net, p.inputs(), p.y,
                    TrainingConfig.fullBatch(0.1, 3).withTrainedOutputLayer(true)).losses();
            for (int t = 0; t <= 3; t++) {
                assertEquals(expected[t], full[t], 1e-12 * expected[t], java.util.Arrays.toString(shape) + " t=" + t);
            }
            GradientIteration it = new GradientIteration(net, p.inputs(), p.y, 0.1, true);
            it.forward();
            it.step(new int[] {0});
            assertTrue(Double.isFinite(it.forward()), "a batch of one point");
        }
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteLoss() {
        Problem p = Problem.random(4, 6, 5, 2);
        Trajectory<ScaledTwoLayerNetwork> run = ScaledGradientDescent.train(ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.NTK, Precision.FLOAT64),
                p.inputs(), p.y, TrainingConfig.fullBatch(1e200, 10).withTrainedOutputLayer(true));
        assertTrue(run.diverged());
        assertEquals(run.losses().length - 1, run.divergedAt());
        assertTrue(!Double.isFinite(run.lossAt(run.divergedAt())));
        for (int t = 0; t < run.divergedAt(); t++) {
            assertTrue(Double.isFinite(run.lossAt(t)));
        }
        assertEquals(run.divergedAt() - 1, run.completedIterations());
    }

    @Test
    void checkpointsHandOverTheFeaturesWhoseRowMeanIsTheOutput() {
        Problem p = Problem.random(5, 6, 4, 3);
        List<ScaledCheckpoint> seen = new ArrayList<>();
        Trajectory<ScaledTwoLayerNetwork> run = ScaledGradientDescent.train(ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.NTK, Precision.FLOAT64),
                p.inputs(), p.y, TrainingConfig.fullBatch(0.02, 6).withCheckpointsEvery(3), seen::add);
        assertEquals(List.of(0, 3, 6), seen.stream().map(ScaledCheckpoint::iteration).toList());
        for (ScaledCheckpoint c : seen) {
            double[] mean = c.features().mean(0).toDoubleVector();
            assertArrayEquals(c.output(), mean, 1e-12);
            assertEquals(run.lossAt(c.iteration()), c.denseLoss(p.y), 0);
            assertEquals(run.lossAt(c.iteration()), oracleLoss(c.network().inputWeightsAsArray(),
                    c.network().outputWeightsAsArray(), p.x, p.y, Scaling.NTK), 1e-12 * run.lossAt(c.iteration()));
        }
    }

    @Test
    void float32FollowsFloat64() {
        Problem p = Problem.random(6, 16, 12, 4);
        TrainingConfig config = TrainingConfig.fullBatch(0.2 / 12, 20).withTrainedOutputLayer(true);
        double[] l64 = ScaledGradientDescent.train(ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.MEAN_FIELD, Precision.FLOAT64),
                p.inputs(), p.y, config).losses();
        ScaledTwoLayerNetwork byDefault = ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.MEAN_FIELD);
        assertEquals(Precision.FLOAT32, byDefault.precision());
        double[] l32 = ScaledGradientDescent.train(byDefault, p.inputs(), p.y, config).losses();
        for (int t = 0; t < l64.length; t++) {
            assertEquals(l64[t], l32[t], 1e-4 * l64[t], "t=" + t);
        }
    }

    @Test
    void badShapesAndBatchesAreRefusedWithClearMessages() {
        Problem p = Problem.random(7, 3, 4, 2);
        ScaledTwoLayerNetwork net = ScaledTwoLayerNetwork.of(p.w, p.b, Scaling.NTK, Precision.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScaledGradientDescent.train(net,
                p.inputs(), p.y, TrainingConfig.fullBatch(0.1, 1).withMiniBatches(5, 0)));
        assertTrue(e.getMessage().contains("batch size 5 exceeds the 4 training points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScaledGradientDescent.train(net,
                Nd4j.create(new double[3][4]), p.y, TrainingConfig.fullBatch(0.1, 1)));
        assertTrue(e.getMessage().contains("d×m"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScaledGradientDescent.train(net, p.inputs(),
                new double[3], TrainingConfig.fullBatch(0.1, 1)));
        assertTrue(e.getMessage().contains("expected length m = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fullBatch(0, 1));
        assertTrue(e.getMessage().contains("η > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScaledTwoLayerNetwork.of(p.w, new double[2], Scaling.NTK,
                Precision.FLOAT64));
        assertTrue(e.getMessage().contains("one per neuron"), e.getMessage());
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[] flatten(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
