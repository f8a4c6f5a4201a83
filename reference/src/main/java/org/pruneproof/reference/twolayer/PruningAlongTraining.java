package org.pruneproof.reference.twolayer;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/**
 * Greedy forward selection (with replacement) applied to the pre-trained network after t iterations,
 * for every checkpoint t of a training run (Wolfe et al.; docs/theory/wolfe2021.md):
 * train, and at each checkpoint run the greedy on Φ(t) against the training targets.
 */
public final class PruningAlongTraining {

    private PruningAlongTraining() {
    }

    /**
     * The pruning curve of one training run.
     *
     * @param iterations the checkpoints t
     * @param denseLoss  S_dense(t) = ‖u(t) − y‖²
     * @param spread     D̄(t)² = (1/N)·Σ_r ‖φ_r(t) − y‖²
     * @param paths      the greedy path on Φ(t), one per checkpoint ({@link GreedyPath#lossAt} is the
     *                   per-sample loss (1/m)·‖f_n − y‖²)
     * @param points     m
     * @param trajectory the training run
     */
    public record Curve(int[] iterations, double[] denseLoss, double[] spread, List<GreedyPath> paths, int points,
                        Trajectory<TwoLayerNetwork> trajectory) {

        /** Number of checkpoints reached. */
        public int size() {
            return iterations.length;
        }

        /** The pruned sum loss {@code S_n(t) = ‖f_n(t) − y‖²} at checkpoint k. */
        public double prunedLoss(int k, int n) {
            return points * paths.get(k).lossAt(n);
        }

        /** {@code S_n(t)} at every checkpoint, for a fixed n. */
        public double[] prunedLosses(int n) {
            double[] s = new double[size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = prunedLoss(k, n);
            }
            return s;
        }
    }

    /**
     * Trains {@code init} with {@code config} and runs {@code steps} greedy steps on Φ(t) at every
     * checkpoint of {@code config} (stopping at a divergence, which the curve's trajectory reports).
     */
    public static Curve run(TwoLayerNetwork init, DMatrixRMaj inputs, double[] y, TrainingConfig config, int steps) {
        return run(init, inputs, y, config, steps, GreedyForwardSelection::withReplacement);
    }


    /** As {@link #run(TwoLayerNetwork, DMatrixRMaj, double[], TrainingConfig, int)} with another selection. */
    public static Curve run(TwoLayerNetwork init, DMatrixRMaj inputs, double[] y, TrainingConfig config, int steps,
                            GreedySelection selection) {
        List<Integer> ts = new ArrayList<>();
        List<Double> dense = new ArrayList<>();
        List<Double> spread = new ArrayList<>();
        List<GreedyPath> paths = new ArrayList<>();
        Trajectory<TwoLayerNetwork> trajectory = GradientDescent.train(init, inputs, y, config, c -> {
            DMatrixRMaj phi = c.features();
            ts.add(c.iteration());
            dense.add(c.denseLoss(y));
            spread.add(Losses.meanSquaredDistance(phi, y));
            paths.add(selection.select(phi, y, steps));
        });
        return new Curve(ts.stream().mapToInt(Integer::intValue).toArray(),
                dense.stream().mapToDouble(Double::doubleValue).toArray(),
                spread.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(paths), y.length, trajectory);
    }
}
