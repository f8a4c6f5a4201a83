package org.pruneproof.scaled.twolayer;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training of a two-layer ReLU network {@code u_i = c_N·Σ_r b_r·σ(w_rᵀx_i)} on the scaled engine by full-batch
 * gradient descent or mini-batch SGD on {@code ½·‖u − y‖²}, in either scaling, with the output layer fixed
 * or trained: the reference engine's {@code GradientDescent}, same conventions ({@link TrainingConfig}),
 * same update order, same batch draws ({@link BatchSampler}), same divergence rule, with batched ND4J
 * operations ({@link GradientIteration}, where the update formulas are written out).
 *
 * <p>Iteration t: the forward pass gives u(t) and {@code S(t) = ‖u(t) − y‖²}; when S(t) is NaN or infinite,
 * training stops and the {@link Trajectory<ScaledTwoLayerNetwork>} says {@link Trajectory.Status#DIVERGED} at t; at a
 * checkpoint, Φ(t) and u(t) go to the caller; if t = T training ends; otherwise the batch of iteration t is
 * drawn (mini-batch SGD only) and the weights are updated.
 */
public final class ScaledGradientDescent {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledGradientDescent.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private ScaledGradientDescent() {
    }

    /** Trains without checkpoints. */
    public static Trajectory<ScaledTwoLayerNetwork> train(ScaledTwoLayerNetwork init, INDArray inputs, double[] y, TrainingConfig config) {
        return train(init, inputs, y, config, c -> { });
    }

    /**
     * Trains {@code init} (left unchanged) on inputs X (d×m, one point per column) and targets y.
     *
     * @param atCheckpoint receives Φ(t) and u(t) at every checkpoint of {@code config} reached before a
     *                     divergence
     */
    public static Trajectory<ScaledTwoLayerNetwork> train(ScaledTwoLayerNetwork init, INDArray inputs, double[] y,
                                         TrainingConfig config, Consumer<ScaledCheckpoint> atCheckpoint) {
        Objects.requireNonNull(init, "network");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(y, "targets");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(atCheckpoint, "atCheckpoint");
        int m = (int) init.inputs(inputs).columns();
        if (config.batchSize() > m) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the " + m + " training points");
        }
        GradientIteration state = new GradientIteration(init, inputs, y, config.stepSize(), config.trainOutputLayer());
        boolean full = config.batchSize() == 0 || config.batchSize() == m;
        BatchSampler sampler = full ? null : new BatchSampler(m, config.batchSize(), config.seed());
        double[] losses = new double[config.iterations() + 1];
        long last = System.nanoTime();
        for (int t = 0; ; t++) {
            double loss = state.forward();
            losses[t] = loss;
            if (!Double.isFinite(loss)) {
                return new Trajectory<>(Arrays.copyOf(losses, t + 1), Trajectory.Status.DIVERGED, t,
                        state.network());
            }
            if (config.isCheckpoint(t)) {
                atCheckpoint.accept(new ScaledCheckpoint(t, state.network(), state.features(), state.output()));
            }
            if (t == config.iterations()) {
                return new Trajectory<>(losses, Trajectory.Status.COMPLETED, -1, state.network());
            }
            state.step(full ? null : sampler.next());
            if (System.nanoTime() - last > PROGRESS_NANOS) {
                last = System.nanoTime();
                LOG.info("gradient descent: iteration {} of {}, loss {}", t + 1, config.iterations(), loss);
            }
        }
    }

    /** {@code ‖u − y‖²}, accumulated in double in index order. */
    static double sumSquared(double[] u, double[] y) {
        if (u.length != y.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + u.length + " and " + y.length);
        }
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            double d = u[j] - y[j];
            s += d * d;
        }
        return s;
    }
}
