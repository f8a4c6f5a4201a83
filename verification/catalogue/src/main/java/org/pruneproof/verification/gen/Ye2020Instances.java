package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * Instance generators specific to the Ye et al. 2020 claims (the general ones are in
 * {@link GreedyInstances}).
 */
public final class Ye2020Instances {

    /** Largest N of the low-dimensional (m ≤ 3) instances, where the exact inradius costs O(N^{m+1}). */
    public static final int MAX_LOW_DIM_NEURONS = 40;

    private Ye2020Instances() {
    }

    /**
     * Targets inside the hull on m ∈ {2, 3} points: Φ from a random two-layer ReLU/tanh network
     * (d ∈ {2, 3}) or i.i.d. Gaussian points, N ∈ [3, 40] (sized), y a Dirichlet(1) mix of the rows or
     * their barycentre, up to 500 steps (sized).
     */
    public static Gen<FeatureInstance> interior() {
        return (r, size) -> {
            int m = 2 + r.nextInt(2);
            int n = r.nextInt(3, Gens.sizedUpper(4, MAX_LOW_DIM_NEURONS, size) + 1);
            double[][] phi = r.nextBoolean()
                    ? GreedyInstances.networkFeatures(r, n, m, 2 + r.nextInt(2), r.nextBoolean() ? Activations.RELU : Activations.TANH)
                    : Gens.gaussianMatrix(r, n, m, 1);
            double[] alpha = r.nextDouble() < 0.3 ? uniform(n) : Gens.dirichlet(r, n, 1.0);
            double[] y = new double[m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    y[j] += alpha[i] * phi[i][j];
                }
            }
            return new FeatureInstance(phi, y, r.nextInt(1, Gens.sizedUpper(2, 500, size) + 1));
        };
    }

    /**
     * Arbitrary targets of {@link GreedyInstances#withArbitraryTarget()}, a third of them pushed far
     * outside the hull (scaled by 5 to 20).
     */
    public static Gen<FeatureInstance> arbitraryOrFar() {
        Gen<FeatureInstance> base = GreedyInstances.withArbitraryTarget();
        return (r, size) -> {
            FeatureInstance f = base.generate(r, size);
            if (r.nextDouble() < 1.0 / 3) {
                double c = 5 + 15 * r.nextDouble();
                double[] y = f.y().clone();
                for (int j = 0; j < y.length; j++) {
                    y[j] = c * (y[j] == 0 ? Gens.gaussian(r) : y[j]);
                }
                return new FeatureInstance(f.phi(), y, f.steps());
            }
            return f;
        };
    }

    /**
     * {@link #arbitraryOrFar()}, or with probability 1/3 a 2-D instance (m = 2) of N ∈ [3, 40] Gaussian
     * points and a target N(0, 9·I) mostly outside their hull, up to 500 steps: the exact 2-D instances
     * of docs/theory/ye2020.md on which the H_n factor came closest to tight.
     */
    public static Gen<FeatureInstance> arbitraryOrPlanar() {
        Gen<FeatureInstance> base = arbitraryOrFar();
        return (r, size) -> {
            if (r.nextDouble() < 2.0 / 3) {
                return base.generate(r, size);
            }
            int n = r.nextInt(3, Gens.sizedUpper(4, MAX_LOW_DIM_NEURONS, size) + 1);
            double[] y = Gens.gaussianVector(r, 2);
            y[0] *= 3;
            y[1] *= 3;
            return new FeatureInstance(Gens.gaussianMatrix(r, n, 2, 1), y, r.nextInt(1, Gens.sizedUpper(2, 500, size) + 1));
        };
    }

    public static double[] uniform(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0 / n);
        return a;
    }

    /** A uniformly random permutation of 0 … n−1 from the seed. */
    public static int[] permutation(long seed, int n) {
        return permutation(new SplittableRandom(seed), n);
    }

    /** A uniformly random permutation of 0 … n−1 drawn from {@code r} (Fisher–Yates). */
    public static int[] permutation(SplittableRandom r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
