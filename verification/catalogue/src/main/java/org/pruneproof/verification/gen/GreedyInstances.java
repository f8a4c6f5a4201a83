package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;

/**
 * Generators of greedy-selection instances: feature matrices Φ of random two-layer networks
 * (inputs uniform on S^{d−1}, a_i ~ N(0, I_d), b_i ~ N(0, 1), σ = ReLU or tanh, mean-field scaling)
 * and targets, with the edge cases mixed in on purpose: N = 1, m = 1, duplicated neurons, zero
 * target, collinear features.
 */
public final class GreedyInstances {

    /** Largest N at size {@link Gen#MAX_SIZE}. */
    public static final int MAX_NEURONS = 60;
    /** Largest m at size {@link Gen#MAX_SIZE}. */
    public static final int MAX_POINTS = 30;
    /** Largest d. */
    public static final int MAX_DIMENSION = 5;
    /** Largest number of greedy steps at size {@link Gen#MAX_SIZE}. */
    public static final int MAX_STEPS = 300;

    private GreedyInstances() {
    }

    /** The kinds of feature matrix generated. */
    public enum Kind { NETWORK, SINGLE_NEURON, SINGLE_POINT, DUPLICATED, COLLINEAR }

    /**
     * Features of a random two-layer network of width N on m points in R^d:
     * {@code Φ[i][j] = b_i·σ(a_iᵀx_j)}.
     */
    public static double[][] networkFeatures(SplittableRandom r, int n, int m, int d, Activation act) {
        double[][] a = Gens.gaussianMatrix(r, n, d, 1);
        double[] b = Gens.gaussianVector(r, n);
        double[][] x = new double[d][m];
        for (int j = 0; j < m; j++) {
            double[] p = Gens.unitSphere(r, d);
            for (int k = 0; k < d; k++) {
                x[k][j] = p[k];
            }
        }
        TwoLayerNetwork net = new TwoLayerNetwork(new DMatrixRMaj(a), b, act, Scaling.MEAN_FIELD);
        DMatrixRMaj phi = net.features(new DMatrixRMaj(x));
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(phi.data, i * m, out[i], 0, m);
        }
        return out;
    }

    /**
     * Feature matrices, sized: N up to {@link #MAX_NEURONS} and m up to {@link #MAX_POINTS}; about one
     * in four is an edge case.
     */
    public static Gen<double[][]> features() {
        return (r, size) -> {
            int n = r.nextInt(1, Gens.sizedUpper(2, MAX_NEURONS, size) + 1);
            int m = r.nextInt(1, Gens.sizedUpper(2, MAX_POINTS, size) + 1);
            int d = r.nextInt(1, MAX_DIMENSION + 1);
            Activation act = r.nextBoolean() ? Activations.RELU : Activations.TANH;
            Kind kind = r.nextDouble() < 0.75 ? Kind.NETWORK : Kind.values()[1 + r.nextInt(Kind.values().length - 1)];
            return switch (kind) {
                case NETWORK -> networkFeatures(r, n, m, d, act);
                case SINGLE_NEURON -> networkFeatures(r, 1, m, d, act);
                case SINGLE_POINT -> networkFeatures(r, n, 1, d, act);
                case DUPLICATED -> {
                    double[][] phi = networkFeatures(r, Math.max(2, n), m, d, act);
                    int copies = 1 + r.nextInt(phi.length / 2 + 1);
                    for (int c = 0; c < copies; c++) {
                        phi[r.nextInt(phi.length)] = phi[r.nextInt(phi.length)].clone();
                    }
                    yield phi;
                }
                case COLLINEAR -> {
                    double[] v = Gens.gaussianVector(r, m);
                    double[][] phi = new double[n][m];
                    for (int i = 0; i < n; i++) {
                        double c = Gens.gaussian(r);
                        for (int j = 0; j < m; j++) {
                            phi[i][j] = c * v[j];
                        }
                    }
                    yield phi;
                }
            };
        };
    }

    /** Number of greedy steps, sized up to {@link #MAX_STEPS}. */
    public static int steps(SplittableRandom r, int size) {
        return r.nextInt(1, Gens.sizedUpper(2, MAX_STEPS, size) + 1);
    }

    /**
     * Arbitrary targets: Gaussian (scale log-uniform in [0.1, 3]), the zero target, or a copy of one
     * neuron's outputs (so that L_n = 0 is reachable).
     */
    public static Gen<FeatureInstance> withArbitraryTarget() {
        return (r, size) -> {
            double[][] phi = features().generate(r, size);
            int m = phi[0].length;
            double u = r.nextDouble();
            double[] y;
            if (u < 0.1) {
                y = new double[m];
            } else if (u < 0.25) {
                y = phi[r.nextInt(phi.length)].clone();
            } else {
                double scale = Gens.logUniform(0.1, 3).generate(r, size);
                y = Gens.gaussianVector(r, m);
                for (int j = 0; j < m; j++) {
                    y[j] *= scale;
                }
            }
            return new FeatureInstance(phi, y, steps(r, size));
        };
    }

    /**
     * Realizable targets y = Σ α_i φ_i with α ~ Dirichlet(1), uniform, a sparse Dirichlet on a random
     * subset, or a vertex.
     */
    public static Gen<RealizableInstance> realizable() {
        return (r, size) -> {
            double[][] phi = features().generate(r, size);
            int n = phi.length;
            double u = r.nextDouble();
            double[] alpha;
            if (u < 0.5) {
                alpha = Gens.dirichlet(r, n, 1.0);
            } else if (u < 0.7) {
                alpha = new double[n];
                java.util.Arrays.fill(alpha, 1.0 / n);
            } else if (u < 0.9) {
                alpha = new double[n];
                int k = 1 + r.nextInt(Math.min(n, 5));
                double[] w = Gens.dirichlet(r, k, 0.5);
                for (int c = 0; c < k; c++) {
                    alpha[r.nextInt(n)] += w[c];
                }
            } else {
                alpha = new double[n];
                alpha[r.nextInt(n)] = 1;
            }
            return new RealizableInstance(phi, alpha, steps(r, size));
        };
    }
}
