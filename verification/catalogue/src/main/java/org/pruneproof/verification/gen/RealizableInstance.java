package org.pruneproof.verification.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/**
 * A realizable greedy instance: the target is a convex combination y = g_α = Σ α_i φ_i of the neurons.
 *
 * @param phi   N×m, row i = outputs φ_i of neuron i
 * @param alpha weights on the simplex Δ_N
 * @param steps greedy steps n_max
 */
public record RealizableInstance(double[][] phi, double[] alpha, int steps) {

    public RealizableInstance {
        Matrices.requireRectangular(phi, "phi");
        if (alpha.length != phi.length) {
            throw new IllegalArgumentException("alpha has length " + alpha.length + ", expected N = " + phi.length);
        }
        double sum = 0;
        for (double a : alpha) {
            if (!(a >= 0)) {
                throw new IllegalArgumentException("alpha must be ≥ 0, got " + a);
            }
            sum += a;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("alpha must sum to 1, sums to " + sum);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1");
        }
    }

    /** Φ as an EJML matrix. */
    public DMatrixRMaj features() {
        return new DMatrixRMaj(phi);
    }

    /** The target y = Σ α_i φ_i. */
    public double[] target() {
        return FeatureGeometry.combination(features(), alpha);
    }

    /**
     * Shrinks by removing neurons (renormalising α), removing points, fewer steps, and simpler values of Φ.
     */
    public static Shrinker<RealizableInstance> shrinker() {
        return v -> {
            List<Stream<RealizableInstance>> parts = new ArrayList<>();
            if (v.phi.length > 1) {
                parts.add(IntStream.range(0, v.phi.length).filter(i -> v.alpha[i] < 1).mapToObj(i -> {
                    double[] a = Shrink.removeIndex(v.alpha, i);
                    double s = 0;
                    for (double x : a) {
                        s += x;
                    }
                    for (int k = 0; k < a.length; k++) {
                        a[k] /= s;
                    }
                    return new RealizableInstance(Shrink.removeRow(v.phi, i), a, v.steps);
                }));
            }
            if (v.phi[0].length > 1) {
                parts.add(IntStream.range(0, v.phi[0].length)
                        .mapToObj(j -> new RealizableInstance(Shrink.removeColumn(v.phi, j), v.alpha.clone(), v.steps)));
            }
            if (v.steps > 1) {
                parts.add(Stream.of(v.steps / 2, v.steps - 1).distinct().filter(s -> s >= 1 && s < v.steps)
                        .map(s -> new RealizableInstance(Shrink.copy(v.phi), v.alpha.clone(), s)));
            }
            parts.add(Matrices.simplerEntries(v.phi).map(p -> new RealizableInstance(p, v.alpha.clone(), v.steps)));
            return parts.stream().flatMap(s -> s);
        };
    }
}
