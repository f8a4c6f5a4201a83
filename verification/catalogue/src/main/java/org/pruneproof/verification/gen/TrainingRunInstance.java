package org.pruneproof.verification.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/**
 * One training run of a two-layer ReLU network: initial weights, data and a gradient-descent or SGD
 * schedule in the conventions of {@link TrainingConfig} (sum loss ½‖u − y‖², step η·N in mean-field
 * scaling), with a checkpoint at every iteration.
 *
 * @param x                m×d, row j = input x_j
 * @param y                targets, length m
 * @param w                N×d initial input weights
 * @param b                N initial output weights
 * @param scaling          {@code mean-field} or {@code ntk} ({@link Scaling#label()})
 * @param trainOutputLayer whether b is trained
 * @param stepSize         η
 * @param iterations       T
 * @param batchSize        0 for full-batch gradient descent, otherwise B (1 ≤ B ≤ m) points per iteration
 * @param batchSeed        seed of the batch draws
 */
public record TrainingRunInstance(double[][] x, double[] y, double[][] w, double[] b, String scaling,
                                  boolean trainOutputLayer, double stepSize, int iterations, int batchSize,
                                  long batchSeed) {

    public TrainingRunInstance {
        Matrices.requireRectangular(x, "x");
        Matrices.requireRectangular(w, "w");
        if (y.length != x.length) {
            throw new IllegalArgumentException("y has length " + y.length + ", expected m = " + x.length);
        }
        if (w[0].length != x[0].length) {
            throw new IllegalArgumentException("w has " + w[0].length + " columns, expected d = " + x[0].length);
        }
        if (b.length != w.length) {
            throw new IllegalArgumentException("b has length " + b.length + ", expected N = " + w.length);
        }
        PretrainingInstance.scalingOf(scaling);
        if (iterations < 0 || batchSize < 0 || batchSize > x.length || !(stepSize > 0)) {
            throw new IllegalArgumentException("need T ≥ 0, η > 0 and 0 ≤ B ≤ m, got T=" + iterations + ", η=" + stepSize
                    + ", B=" + batchSize);
        }
    }

    /** N. */
    public int neurons() {
        return w.length;
    }

    /** m. */
    public int points() {
        return x.length;
    }

    /** d. */
    public int dimension() {
        return x[0].length;
    }

    /** The scaling. */
    public Scaling scalingValue() {
        return PretrainingInstance.scalingOf(scaling);
    }

    /** The initial network (ReLU) of the reference engine. */
    public TwoLayerNetwork network() {
        return new TwoLayerNetwork(new DMatrixRMaj(w), b.clone(), Activations.RELU, scalingValue());
    }

    /** X as d×m (one point per column). */
    public double[][] inputColumns() {
        double[][] t = new double[dimension()][points()];
        for (int j = 0; j < points(); j++) {
            for (int k = 0; k < dimension(); k++) {
                t[k][j] = x[j][k];
            }
        }
        return t;
    }

    /** The reference engine's schedule, with a checkpoint at every iteration. */
    public TrainingConfig schedule() {
        return new TrainingConfig(stepSize, iterations, trainOutputLayer, batchSize, batchSeed, null).withCheckpointsEvery(1);
    }

    /** A one-line description. */
    public String describe() {
        return String.format(Locale.ROOT, "N=%d m=%d d=%d %s, output %s, %s, η=%.4g, T=%d", neurons(), points(),
                dimension(), scaling, trainOutputLayer ? "trained" : "fixed",
                batchSize == 0 || batchSize == points() ? "full batch" : "SGD B=" + batchSize + " seed " + batchSeed,
                stepSize, iterations);
    }

    /**
     * Removes neurons, points and input coordinates, then shortens the run, then makes it full-batch
     * and the output layer fixed, then simplifies the numbers (targets, weights, inputs, η).
     */
    public static Shrinker<TrainingRunInstance> shrinker() {
        return v -> {
            List<Stream<TrainingRunInstance>> parts = new ArrayList<>();
            int n = v.w.length;
            int m = v.x.length;
            if (n > 1) {
                parts.add(IntStream.range(0, n).mapToObj(i -> v.with(Shrink.copy(v.x), v.y.clone(),
                        Shrink.removeRow(v.w, i), Shrink.removeIndex(v.b, i))));
            }
            if (m > 1) {
                parts.add(IntStream.range(0, m).mapToObj(j -> new TrainingRunInstance(Shrink.removeRow(v.x, j),
                        Shrink.removeIndex(v.y, j), Shrink.copy(v.w), v.b.clone(), v.scaling, v.trainOutputLayer,
                        v.stepSize, v.iterations, Math.min(v.batchSize, m - 1), v.batchSeed)));
            }
            if (v.x[0].length > 1) {
                parts.add(IntStream.range(0, v.x[0].length).mapToObj(k -> v.with(Shrink.removeColumn(v.x, k),
                        v.y.clone(), Shrink.removeColumn(v.w, k), v.b.clone())));
            }
            if (v.iterations > 0) {
                parts.add(Stream.of(0, v.iterations / 2, v.iterations - 1).distinct().map(t -> new TrainingRunInstance(
                        Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(), v.scaling, v.trainOutputLayer,
                        v.stepSize, t, v.batchSize, v.batchSeed)));
            }
            if (v.batchSize != 0) {
                parts.add(Stream.of(new TrainingRunInstance(Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(),
                        v.scaling, v.trainOutputLayer, v.stepSize, v.iterations, 0, v.batchSeed)));
            }
            if (v.trainOutputLayer) {
                parts.add(Stream.of(new TrainingRunInstance(Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(),
                        v.scaling, false, v.stepSize, v.iterations, v.batchSize, v.batchSeed)));
            }
            parts.add(Matrices.simplerEntries(v.y).map(t -> v.with(Shrink.copy(v.x), t, Shrink.copy(v.w), v.b.clone())));
            parts.add(Matrices.simplerEntries(v.w).map(t -> v.with(Shrink.copy(v.x), v.y.clone(), t, v.b.clone())));
            parts.add(Matrices.simplerEntries(v.x).map(t -> v.with(t, v.y.clone(), Shrink.copy(v.w), v.b.clone())));
            parts.add(Shrink.simplerDoubles(v.stepSize).stream().filter(e -> e > 0).map(e -> new TrainingRunInstance(
                    Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(), v.scaling, v.trainOutputLayer, e,
                    v.iterations, v.batchSize, v.batchSeed)));
            return parts.stream().flatMap(s -> s);
        };
    }

    private TrainingRunInstance with(double[][] nx, double[] ny, double[][] nw, double[] nb) {
        return new TrainingRunInstance(nx, ny, nw, nb, scaling, trainOutputLayer, stepSize, iterations, batchSize, batchSeed);
    }
}
