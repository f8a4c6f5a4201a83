package org.pruneproof.verification.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.data.ImageInputs;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.twolayer.GradientDescent;
import org.pruneproof.reference.twolayer.MultiOutputGradientDescent;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;
import org.pruneproof.verification.gen.Networks;

/**
 * Wolfe et al.'s pre-training threshold on the binary Fashion-MNIST task, for several greedy procedures at once: on
 * nested random subsets of size m, one two-layer ReLU network (output layer fixed ±1) is trained by full-batch gradient
 * descent on the per-sample loss, and at every checkpoint t each selection prunes Φ(t) to n neurons;
 * {@code t_p(m) = min{t : (1/m)·‖f_n(t) − y‖² ≤ τ}} for each selection, or −1 when not reached within T.
 */
public final class PretrainingThresholds {

    private PretrainingThresholds() {
    }

    /**
     * The setting.
     *
     * @param sizes           nested subset sizes m, increasing
     * @param width           N
     * @param pruned          n, greedy steps
     * @param tolerance       τ on the per-sample loss
     * @param meanLossStep    η₀: the sum-loss step is η₀/m (and, in mean-field scaling, times N: {@link TrainingConfig})
     * @param iterations      T
     * @param checkpointEvery spacing of the grid of t
     * @param pool            average-pooling block
     * @param scaling         mean-field or NTK
     */
    public record Setting(int[] sizes, int width, int pruned, double tolerance, double meanLossStep, int iterations,
                          int checkpointEvery, int pool, Scaling scaling) {
    }

    /**
     * Thresholds of one seed: {@code thresholds[s][i]} for selection s at size {@code sizes[i]}, −1 when the pruned loss
     * did not reach τ within T; {@code finalLoss[s][i]} the pruned loss at T; problem non-null when training diverged.
     */
    public record Result(int[] sizes, int[][] thresholds, double[][] finalLoss, String problem) {

        /** Whether selection s reached τ at every m. */
        public boolean reachedEverywhere(int s) {
            return Arrays.stream(thresholds[s]).allMatch(t -> t >= 0);
        }
    }

    /** Per selection and size: the first checkpoint whose pruned loss is ≤ τ (−1 until then) and the latest pruned loss. */
    private static final class Recorder {
        final int[][] thresholds;
        final double[][] finalLoss;

        Recorder(int selections, int sizes) {
            thresholds = new int[selections][sizes];
            finalLoss = new double[selections][sizes];
            for (int[] t : thresholds) {
                Arrays.fill(t, -1);
            }
        }

        void record(int selection, int size, int iteration, double loss, double tolerance) {
            if (thresholds[selection][size] < 0 && loss <= tolerance) {
                thresholds[selection][size] = iteration;
            }
            finalLoss[selection][size] = loss;
        }
    }

    /** One seed: subsets and initialisations from {@code r}; {@code selections} see the same training runs. */
    public static Result run(LabelledImages images, SplittableRandom r, Setting s, List<GreedySelection> selections) {
        int[] sizes = s.sizes();
        int[] order = FashionMnist.permutation(r, images.size());
        double[] centre = ImageInputs.columnMean(ImageInputs.pooled(images, Arrays.copyOf(order, sizes[sizes.length - 1]), s.pool()));
        Recorder rec = new Recorder(selections.size(), sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int m = sizes[i];
            int index = i;
            TeacherStudent task = FashionMnist.binaryTask(images, Arrays.copyOf(order, m), centre, s.pool());
            DMatrixRMaj x = task.inputs();
            double[] y = task.targets();
            TwoLayerNetwork net = Networks.random(r, s.width(), x.numRows, s.scaling());
            Trajectory<TwoLayerNetwork> tr = GradientDescent.train(net, x, y,
                    TrainingConfig.fullBatch(s.meanLossStep() / m, s.iterations()).withCheckpointsEvery(s.checkpointEvery()), c -> {
                        for (int k = 0; k < selections.size(); k++) {
                            rec.record(k, index, c.iteration(), selections.get(k).select(c.features(), y, s.pruned()).lossAt(s.pruned()),
                                    s.tolerance());
                        }
                    });
            if (tr.diverged()) {
                return new Result(sizes, rec.thresholds, rec.finalLoss, "pre-training diverged at t = " + tr.divergedAt() + " for m = " + m);
            }
        }
        return new Result(sizes, rec.thresholds, rec.finalLoss, null);
    }

    /**
     * One seed of the 10-class task: the same protocol on a two-layer ReLU network with 10 outputs and a fixed output
     * layer B ∈ {±1}^{N×10} ({@link MultiOutputGradientDescent}); targets y_cj = 1[c = label_j] − 1/10 (one-hot, centred
     * over the classes); each selection prunes the flattened features Φ(t) (N×10m) against the flattened Y, and
     * {@code t_p(m) = min{t : (1/m)·‖F_n(t) − Y‖²_F ≤ τ}} (the per-sample loss, 10 × the per-entry mean of the greedy).
     */
    public static Result runMulticlass(LabelledImages images, SplittableRandom r, Setting s, List<GreedySelection> selections) {
        int classes = IdxReader.MNIST_CLASSES;
        int[] sizes = s.sizes();
        int[] order = FashionMnist.permutation(r, images.size());
        double[] centre = ImageInputs.columnMean(ImageInputs.pooled(images, Arrays.copyOf(order, sizes[sizes.length - 1]), s.pool()));
        Recorder rec = new Recorder(selections.size(), sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int m = sizes[i];
            int index = i;
            int[] subset = Arrays.copyOf(order, m);
            DMatrixRMaj x = ImageInputs.centreAndNormalise(ImageInputs.pooled(images, subset, s.pool()), centre);
            DMatrixRMaj y = new DMatrixRMaj(classes, m);
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < classes; c++) {
                    y.set(c, j, (images.labels()[subset[j]] == c ? 1 : 0) - 1.0 / classes);
                }
            }
            double[] flat = y.data;
            DMatrixRMaj w = new DMatrixRMaj(org.pruneproof.verification.api.Gens.gaussianMatrix(r, s.width(), x.numRows, 1));
            DMatrixRMaj b = new DMatrixRMaj(s.width(), classes, true, Networks.signs(r, s.width() * classes));
            Trajectory<DMatrixRMaj> tr = MultiOutputGradientDescent.train(w, b, Activations.RELU, s.scaling(), x, y,
                    TrainingConfig.fullBatch(s.meanLossStep() / m, s.iterations()).withCheckpointsEvery(s.checkpointEvery()), c -> {
                        for (int k = 0; k < selections.size(); k++) {
                            rec.record(k, index, c.iteration(),
                                    classes * selections.get(k).select(c.features(), flat, s.pruned()).lossAt(s.pruned()), s.tolerance());
                        }
                    });
            if (tr.diverged()) {
                return new Result(sizes, rec.thresholds, rec.finalLoss, "pre-training diverged at t = " + tr.divergedAt() + " for m = " + m);
            }
        }
        return new Result(sizes, rec.thresholds, rec.finalLoss, null);
    }
}
