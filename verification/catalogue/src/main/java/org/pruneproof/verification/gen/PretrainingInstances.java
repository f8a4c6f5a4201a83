package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;

/**
 * Small pre-training instances for the hard claims along training trajectories: N ≤ 40 neurons
 * (Du et al. initialisation, see {@link Networks}), m ≤ 12 points on S^{d−1}, d ≤ 4, T ≤ 25 iterations,
 * n ≤ 30 greedy steps; mean-field scaling in two thirds of the instances, NTK otherwise; the output layer
 * trained in one in three; step η log-uniform in [0.01, 0.5]/m (sum-loss convention). Targets: ±1,
 * Gaussian of random scale, the zero target, or the dense output at initialisation plus a little noise
 * (so that the dense network starts near the target).
 */
public final class PretrainingInstances {

    /** Largest N at the largest size. */
    public static final int MAX_NEURONS = 40;
    /** Largest m. */
    public static final int MAX_POINTS = 12;
    /** Largest T. */
    public static final int MAX_ITERATIONS = 25;
    /** Largest number of greedy steps. */
    public static final int MAX_STEPS = 30;

    private PretrainingInstances() {
    }

    /** The generator. */
    public static Gen<PretrainingInstance> random() {
        return (r, size) -> {
            int n = r.nextInt(1, Gens.sizedUpper(2, MAX_NEURONS, size) + 1);
            int m = r.nextInt(1, Gens.sizedUpper(2, MAX_POINTS, size) + 1);
            int d = r.nextInt(1, 5);
            Scaling scaling = r.nextDouble() < 2.0 / 3 ? Scaling.MEAN_FIELD : Scaling.NTK;
            boolean trainOutput = r.nextDouble() < 1.0 / 3;
            double eta = Gens.logUniform(0.01, 0.5).generate(r, size) / m;
            int iterations = r.nextInt(0, Gens.sizedUpper(1, MAX_ITERATIONS, size) + 1);
            int steps = r.nextInt(1, Gens.sizedUpper(2, MAX_STEPS, size) + 1);
            DMatrixRMaj x = Networks.unitInputs(r, d, m);
            double[][] w = Gens.gaussianMatrix(r, n, d, 1);
            double[] b = Networks.signs(r, n);
            double[] y = targets(r, size, x, w, b, scaling);
            double[][] rows = new double[m][d];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    rows[j][k] = x.get(k, j);
                }
            }
            return new PretrainingInstance(rows, y, w, b, scaling.label(), trainOutput, eta, iterations, steps);
        };
    }

    private static double[] targets(SplittableRandom r, int size, DMatrixRMaj x, double[][] w, double[] b, Scaling s) {
        int m = x.numCols;
        double u = r.nextDouble();
        if (u < 0.4) {
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
        if (u < 0.8) {
            return new double[m];
        }
        double[] y = new org.pruneproof.reference.twolayer.TwoLayerNetwork(new DMatrixRMaj(w), b,
                org.pruneproof.theory.activation.Activations.RELU, s).output(x);
        for (int j = 0; j < m; j++) {
            y[j] += 0.05 * Gens.gaussian(r);
        }
        return y;
    }
}
