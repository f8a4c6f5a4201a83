package org.pruneproof.theory.twolayer;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How a two-layer network is trained by {@link ScaledGradientDescent}: the same conventions, fields and
 * meaning as the reference engine's {@code TrainingConfig}, so that both engines run the same schedule.
 *
 * <p><b>Loss convention</b> (docs/theory/wolfe2021.md): the objective is the un-normalised sum
 * {@code ½·‖u − y‖²} over the m training points; the trajectory records {@code S(t) = ‖u(t) − y‖²} (no ½).
 * A per-sample (mean) loss with step η₀ is the same run with {@code stepSize = η₀/m}.
 *
 * <p><b>Step-size convention</b> (docs/theory/wolfe2021.md): in NTK scaling each iteration is
 * {@code θ ← θ − η·∇_θ ½‖u − y‖²}; in mean-field scaling {@code θ ← θ − η·N·∇_θ ½‖u − y‖²}.
 *
 * @param stepSize         η &gt; 0
 * @param iterations       T ≥ 0 iterations
 * @param trainOutputLayer whether the output weights b are trained too
 * @param batchSize        0 (or m) for full-batch gradient descent; 1 ≤ B &lt; m for mini-batch SGD with
 *                         B distinct points per iteration (seeded partial Fisher–Yates draws) and the unbiased estimate
 *                         (m/B)·∇ ½Σ_{i∈batch}(u_i − y_i)²
 * @param seed             seed of the batch draws (unused for full batch)
 * @param checkpoints      iterations t (0 ≤ t ≤ T, increasing) at which Φ(t) is handed to the caller
 */
public record TrainingConfig(double stepSize, int iterations, boolean trainOutputLayer, int batchSize,
                                   long seed, int[] checkpoints) {

    public TrainingConfig {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("step size: expected a finite η > 0, got " + stepSize);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations: expected T ≥ 0, got " + iterations);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size: expected 0 (full batch) or B ≥ 1, got " + batchSize);
        }
        checkpoints = checkpoints == null ? new int[0] : checkpoints.clone();
        for (int k = 0; k < checkpoints.length; k++) {
            if (checkpoints[k] < 0 || checkpoints[k] > iterations || (k > 0 && checkpoints[k] <= checkpoints[k - 1])) {
                throw new IllegalArgumentException("checkpoints: expected increasing iterations in [0, " + iterations
                        + "], got " + Arrays.toString(checkpoints));
            }
        }
    }

    /** Full-batch gradient descent for T iterations with fixed output layer and no checkpoints. */
    public static TrainingConfig fullBatch(double stepSize, int iterations) {
        return new TrainingConfig(stepSize, iterations, false, 0, 0, new int[0]);
    }

    /** This configuration with the output layer trained (or not). */
    public TrainingConfig withTrainedOutputLayer(boolean trained) {
        return new TrainingConfig(stepSize, iterations, trained, batchSize, seed, checkpoints);
    }

    /** This configuration with mini-batches of size B drawn from the given seed. */
    public TrainingConfig withMiniBatches(int batch, long batchSeed) {
        return new TrainingConfig(stepSize, iterations, trainOutputLayer, batch, batchSeed, checkpoints);
    }

    /** This configuration with checkpoints at the given iterations. */
    public TrainingConfig withCheckpoints(int... at) {
        return new TrainingConfig(stepSize, iterations, trainOutputLayer, batchSize, seed, at);
    }

    /** This configuration with a checkpoint at every {@code every}-th iteration, 0 and T included. */
    public TrainingConfig withCheckpointsEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint spacing: expected ≥ 1, got " + every);
        }
        return withCheckpoints(IntStream.rangeClosed(0, iterations).filter(t -> t % every == 0 || t == iterations).toArray());
    }

    @Override
    public int[] checkpoints() {
        return checkpoints.clone();
    }

    /** Whether iteration t is a checkpoint. */
    public boolean isCheckpoint(int t) {
        return Arrays.binarySearch(checkpoints, t) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && stepSize == c.stepSize && iterations == c.iterations
                && trainOutputLayer == c.trainOutputLayer && batchSize == c.batchSize && seed == c.seed
                && Arrays.equals(checkpoints, c.checkpoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {Double.doubleToLongBits(stepSize), iterations, trainOutputLayer ? 1 : 0,
            batchSize, seed, Arrays.hashCode(checkpoints)});
    }

    @Override
    public String toString() {
        return "TrainingConfig[η=" + stepSize + ", T=" + iterations + ", trainOutputLayer=" + trainOutputLayer
                + ", batchSize=" + batchSize + ", seed=" + seed + ", checkpoints=" + Arrays.toString(checkpoints) + "]";
    }
}
