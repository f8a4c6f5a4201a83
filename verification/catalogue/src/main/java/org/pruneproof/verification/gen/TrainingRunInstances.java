package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;

/**
 * Small training runs for cross-checking the engines' gradient descent: N ≤ {@value #MAX_NEURONS} neurons
 * (w_r ~ N(0, I_d), b_r = ±1), m ≤ {@value #MAX_POINTS} points on S^{d−1}, d ≤ {@value #MAX_DIMENSION},
 * T ≤ {@value #MAX_ITERATIONS} iterations; each scaling, fixed or trained output layer, and full-batch GD
 * or SGD (B uniform in [1, m − 1], seeded) in about half of the instances each; η log-uniform in
 * [0.01, 1]/m (sum-loss convention). Targets: ±1, Gaussian of random scale, zero, or exactly the dense
 * output at initialisation (S(0) = 0). In about 40 % of the instances one edge case: a duplicated neuron,
 * a duplicated point, a zero input point, a zero neuron (every pre-activation exactly at the ReLU kink),
 * a zero output weight, orthonormal inputs (X = I), tiny weights (×10⁻³, near-zero outputs), no iteration
 * (T = 0), a batch of all m points given as B = m, or a step so large (η = 10¹⁵⁰) that the loss overflows (with ±1 targets, never with S(0) = 0: there a
 * rounding-level residual times η decides whether training diverges at all).
 */
public final class TrainingRunInstances {

    /** Largest N. */
    public static final int MAX_NEURONS = 64;
    /** Largest m. */
    public static final int MAX_POINTS = 32;
    /** Largest d. */
    public static final int MAX_DIMENSION = 8;
    /** Largest T. */
    public static final int MAX_ITERATIONS = 50;

    private TrainingRunInstances() {
    }

    /** The generator. */
    public static Gen<TrainingRunInstance> random() {
        return (r, size) -> {
            int n = r.nextInt(1, Gens.sizedUpper(2, MAX_NEURONS, size) + 1);
            int m = r.nextInt(1, Gens.sizedUpper(2, MAX_POINTS, size) + 1);
            int d = r.nextInt(1, Gens.sizedUpper(2, MAX_DIMENSION, size) + 1);
            Scaling scaling = r.nextBoolean() ? Scaling.MEAN_FIELD : Scaling.NTK;
            boolean trainOutput = r.nextBoolean();
            int batch = m >= 2 && r.nextBoolean() ? r.nextInt(1, m) : 0;
            long seed = r.nextLong();
            double eta = Gens.logUniform(0.01, 1).generate(r, size) / m;
            int iterations = r.nextInt(0, Gens.sizedUpper(1, MAX_ITERATIONS, size) + 1);
            double[][] w = Gens.gaussianMatrix(r, n, d, 1);
            double[] b = Networks.signs(r, n);
            double[][] x = rows(Networks.unitInputs(r, d, m));
            int edge = r.nextDouble() < 0.4 ? r.nextInt(10) : -1;
            switch (edge) {
                case 0 -> {
                    if (n >= 2) {
                        w[1] = w[0].clone();
                        b[1] = b[0];
                    }
                }
                case 1 -> {
                    if (m >= 2) {
                        x[1] = x[0].clone();
                    }
                }
                case 2 -> x[r.nextInt(m)] = new double[d];
                case 3 -> w[r.nextInt(n)] = new double[d];
                case 4 -> b[r.nextInt(n)] = 0;
                case 5 -> {
                    int k = Math.min(m, d);
                    x = new double[k][k];
                    for (int j = 0; j < k; j++) {
                        x[j][j] = 1;
                    }
                    m = k;
                    w = Gens.gaussianMatrix(r, n, k, 1);
                    batch = Math.min(batch, m - 1);
                }
                case 6 -> {
                    for (double[] row : w) {
                        for (int k = 0; k < row.length; k++) {
                            row[k] *= 1e-3;
                        }
                    }
                }
                case 7 -> iterations = 0;
                case 8 -> batch = m;
                case 9 -> eta = 1e150;
                default -> { }
            }
            double[] y = edge == 9 ? Networks.signs(r, m) : targets(r, size, x, w, b, scaling);
            return new TrainingRunInstance(x, y, w, b, scaling.label(), trainOutput, eta, iterations, batch, seed);
        };
    }

    private static double[][] rows(DMatrixRMaj columns) {
        double[][] x = new double[columns.numCols][columns.numRows];
        for (int j = 0; j < columns.numCols; j++) {
            for (int k = 0; k < columns.numRows; k++) {
                x[j][k] = columns.get(k, j);
            }
        }
        return x;
    }

    private static double[] targets(SplittableRandom r, int size, double[][] x, double[][] w, double[] b, Scaling s) {
        int m = x.length;
        double u = r.nextDouble();
        if (u < 0.35) {
            return Networks.signs(r, m);
        }
        if (u < 0.7) {
            double scale = Gens.logUniform(0.1, 3).generate(r, size);
            double[] y = Gens.gaussianVector(r, m);
            for (int j = 0; j < m; j++) {
                y[j] *= scale;
            }
            return y;
        }
        if (u < 0.85) {
            return new double[m];
        }
        DMatrixRMaj columns = new DMatrixRMaj(x[0].length, m);
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < x[0].length; k++) {
                columns.set(k, j, x[j][k]);
            }
        }
        return new TwoLayerNetwork(new DMatrixRMaj(w), b.clone(), Activations.RELU, s).output(columns);
    }
}
