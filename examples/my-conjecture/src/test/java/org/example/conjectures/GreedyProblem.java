package org.example.conjectures;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/**
 * One instance of greedy forward selection: N neuron feature vectors φ_i ∈ R^m (the rows of {@code features}), a
 * target y ∈ R^m and a number of steps. A plain record of arrays, so the engine can store a counterexample as JSON.
 *
 * @param features N×m, row i is φ_i
 * @param target   y
 * @param steps    greedy steps n
 */
public record GreedyProblem(double[][] features, double[] target, int steps) {

    /** Gaussian features and a Gaussian target scaled by {@code targetScale}, sizes growing with the size parameter. */
    public static Gen<GreedyProblem> gaussian(double targetScale) {
        return (r, size) -> {
            int n = Gens.sizedUpper(2, 12, size);
            int m = Gens.sizedUpper(2, 8, size);
            double[][] phi = Gens.gaussianMatrix(r, n, m, 1);
            double[] y = Gens.gaussianVector(r, m);
            for (int k = 0; k < m; k++) {
                y[k] *= targetScale;
            }
            return new GreedyProblem(phi, y, Gens.sizedUpper(2, 10, size));
        };
    }

    /** Fewer neurons (dropping one row at a time), then fewer steps. */
    public static Shrinker<GreedyProblem> shrinker() {
        return p -> Stream.concat(
                p.features().length <= 1 ? Stream.empty()
                        : IntStream.range(0, p.features().length)
                                .mapToObj(i -> new GreedyProblem(Shrink.removeRow(p.features(), i), p.target(), p.steps())),
                p.steps() <= 1 ? Stream.empty() : Stream.of(new GreedyProblem(p.features(), p.target(), p.steps() - 1)));
    }

    /** Φ as an EJML matrix (row i is φ_i), as the reference engine takes it. */
    public DMatrixRMaj phi() {
        return new DMatrixRMaj(features);
    }
}
