package org.pruneproof.verification.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/**
 * A greedy-selection instance: N neuron outputs on m points (rows of Φ), a target y and a number of
 * greedy steps.
 *
 * @param phi   N×m, row i = outputs φ_i of neuron i
 * @param y     target, length m
 * @param steps greedy steps n_max
 */
public record FeatureInstance(double[][] phi, double[] y, int steps) {

    public FeatureInstance {
        Matrices.requireRectangular(phi, "phi");
        if (y.length != phi[0].length) {
            throw new IllegalArgumentException("target has length " + y.length + ", expected m = " + phi[0].length);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1");
        }
    }

    /** N. */
    public int neurons() {
        return phi.length;
    }

    /** m. */
    public int points() {
        return y.length;
    }

    /** Φ as an EJML matrix. */
    public DMatrixRMaj features() {
        return new DMatrixRMaj(phi);
    }

    /**
     * Shrinks by removing neurons, then points, then fewer steps, then simpler values in Φ and y.
     */
    public static Shrinker<FeatureInstance> shrinker() {
        return v -> {
            List<Stream<FeatureInstance>> parts = new ArrayList<>();
            if (v.neurons() > 1) {
                parts.add(IntStream.range(0, v.neurons())
                        .mapToObj(i -> new FeatureInstance(Shrink.removeRow(v.phi, i), v.y.clone(), v.steps)));
            }
            if (v.points() > 1) {
                parts.add(IntStream.range(0, v.points()).mapToObj(j -> new FeatureInstance(
                        Shrink.removeColumn(v.phi, j), Shrink.removeIndex(v.y, j), v.steps)));
            }
            if (v.steps > 1) {
                parts.add(Stream.of(v.steps / 2, v.steps - 1).distinct()
                        .filter(s -> s >= 1 && s < v.steps)
                        .map(s -> new FeatureInstance(Shrink.copy(v.phi), v.y.clone(), s)));
            }
            parts.add(Matrices.simplerEntries(v.phi).map(p -> new FeatureInstance(p, v.y.clone(), v.steps)));
            parts.add(Matrices.simplerEntries(v.y).map(t -> new FeatureInstance(Shrink.copy(v.phi), t, v.steps)));
            return parts.stream().flatMap(s -> s);
        };
    }
}
