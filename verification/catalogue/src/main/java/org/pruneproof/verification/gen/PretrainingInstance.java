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
 * A pre-training instance: a two-layer ReLU network at initialisation, training data, and a full-batch
 * gradient-descent schedule; greedy selection of {@code steps} neurons is applied to Φ(t) at every
 * iteration t = 0 … {@code iterations}.
 *
 * @param x                 m×d, row j = input x_j
 * @param y                 targets, length m
 * @param w                 N×d initial input weights
 * @param b                 N initial output weights
 * @param scaling           {@code mean-field} or {@code ntk} ({@link Scaling#label()})
 * @param trainOutputLayer  whether b is trained
 * @param stepSize          η (conventions of {@link TrainingConfig})
 * @param iterations        T
 * @param steps             greedy steps n_max
 */
public record PretrainingInstance(double[][] x, double[] y, double[][] w, double[] b, String scaling,
                                  boolean trainOutputLayer, double stepSize, int iterations, int steps) {

    public PretrainingInstance {
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
        scalingOf(scaling);
        if (steps < 1 || iterations < 0) {
            throw new IllegalArgumentException("need steps ≥ 1 and iterations ≥ 0");
        }
    }

    /** The scaling named by a label. */
    public static Scaling scalingOf(String label) {
        for (Scaling s : Scaling.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scaling: expected 'mean-field' or 'ntk', got '" + label + "'");
    }

    /** The initial network (ReLU). */
    public TwoLayerNetwork network() {
        return new TwoLayerNetwork(new DMatrixRMaj(w), b.clone(), Activations.RELU, scalingOf(scaling));
    }

    /** X as d×m (one point per column). */
    public DMatrixRMaj inputs() {
        DMatrixRMaj m = new DMatrixRMaj(x);
        DMatrixRMaj t = new DMatrixRMaj(m.numCols, m.numRows);
        org.ejml.dense.row.CommonOps_DDRM.transpose(m, t);
        return t;
    }

    /** The schedule, with a checkpoint at every iteration. */
    public TrainingConfig schedule() {
        return TrainingConfig.fullBatch(stepSize, iterations).withTrainedOutputLayer(trainOutputLayer).withCheckpointsEvery(1);
    }

    /** A one-line description. */
    public String describe() {
        return String.format(Locale.ROOT, "N=%d m=%d d=%d %s%s η=%.4g T=%d n≤%d", w.length, x.length, x[0].length,
                scaling, trainOutputLayer ? " (output trained)" : "", stepSize, iterations, steps);
    }

    /** Removes neurons, then points, then iterations and steps, then simplifies the numbers. */
    public static Shrinker<PretrainingInstance> shrinker() {
        return v -> {
            List<Stream<PretrainingInstance>> parts = new ArrayList<>();
            int n = v.w.length;
            int m = v.x.length;
            if (n > 1) {
                parts.add(IntStream.range(0, n).mapToObj(i -> v.with(Shrink.copy(v.x), v.y.clone(),
                        Shrink.removeRow(v.w, i), Shrink.removeIndex(v.b, i), v.iterations, v.steps)));
            }
            if (m > 1) {
                parts.add(IntStream.range(0, m).mapToObj(j -> v.with(Shrink.removeRow(v.x, j), Shrink.removeIndex(v.y, j),
                        Shrink.copy(v.w), v.b.clone(), v.iterations, v.steps)));
            }
            if (v.x[0].length > 1) {
                parts.add(IntStream.range(0, v.x[0].length).mapToObj(k -> v.with(Shrink.removeColumn(v.x, k), v.y.clone(),
                        Shrink.removeColumn(v.w, k), v.b.clone(), v.iterations, v.steps)));
            }
            if (v.iterations > 0) {
                parts.add(Stream.of(0, v.iterations / 2, v.iterations - 1).distinct().filter(t -> t < v.iterations)
                        .map(t -> v.with(Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(), t, v.steps)));
            }
            if (v.steps > 1) {
                parts.add(Stream.of(1, v.steps / 2, v.steps - 1).distinct().filter(s -> s >= 1 && s < v.steps)
                        .map(s -> v.with(Shrink.copy(v.x), v.y.clone(), Shrink.copy(v.w), v.b.clone(), v.iterations, s)));
            }
            parts.add(Matrices.simplerEntries(v.y).map(t -> v.with(Shrink.copy(v.x), t, Shrink.copy(v.w), v.b.clone(), v.iterations, v.steps)));
            parts.add(Matrices.simplerEntries(v.w).map(t -> v.with(Shrink.copy(v.x), v.y.clone(), t, v.b.clone(), v.iterations, v.steps)));
            parts.add(Matrices.simplerEntries(v.x).map(t -> v.with(t, v.y.clone(), Shrink.copy(v.w), v.b.clone(), v.iterations, v.steps)));
            return parts.stream().flatMap(s -> s);
        };
    }

    private PretrainingInstance with(double[][] nx, double[] ny, double[][] nw, double[] nb, int t, int s) {
        return new PretrainingInstance(nx, ny, nw, nb, scaling, trainOutputLayer, stepSize, t, s);
    }
}
