package org.pruneproof.verification.api;

import java.util.List;
import java.util.SplittableRandom;
import org.pruneproof.theory.random.GaussianDraws;

/**
 * Basic generators: integers and doubles in ranges, Gaussian vectors and matrices, points on the unit
 * sphere, Dirichlet weights, and choices among generators.
 */
public final class Gens {

    private Gens() {
    }

    /** A constant. */
    public static <T> Gen<T> constant(T value) {
        return (r, s) -> value;
    }

    /** Integers uniform in [lo, hi]. */
    public static Gen<Integer> integers(int lo, int hi) {
        requireRange(lo, hi);
        return (r, s) -> r.nextInt(lo, hi + 1);
    }

    /**
     * Integers in [lo, hi] whose upper end grows with the size: uniform in [lo, lo + (hi − lo)·size/MAX_SIZE].
     */
    public static Gen<Integer> sizedIntegers(int lo, int hi) {
        requireRange(lo, hi);
        return (r, s) -> r.nextInt(lo, sizedUpper(lo, hi, s) + 1);
    }

    /** The upper end of a sized range. */
    public static int sizedUpper(int lo, int hi, int size) {
        int clamped = Math.max(1, Math.min(Gen.MAX_SIZE, size));
        return lo + (int) Math.round((double) (hi - lo) * clamped / Gen.MAX_SIZE);
    }

    /** Doubles uniform in [lo, hi). */
    public static Gen<Double> doubles(double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("need lo < hi, got [" + lo + ", " + hi + ")");
        }
        return (r, s) -> lo + (hi - lo) * r.nextDouble();
    }

    /** Doubles log-uniform in [lo, hi), lo &gt; 0. */
    public static Gen<Double> logUniform(double lo, double hi) {
        if (!(lo > 0 && lo < hi)) {
            throw new IllegalArgumentException("need 0 < lo < hi, got [" + lo + ", " + hi + ")");
        }
        return (r, s) -> lo * StrictMath.exp(StrictMath.log(hi / lo) * r.nextDouble());
    }

    /**
     * One standard normal draw (Box–Muller from the given source, so it is reproducible): {@link
     * GaussianDraws#standard}, the draw the reference engine initialises its weights with.
     */
    public static double gaussian(SplittableRandom r) {
        return GaussianDraws.standard(r);
    }

    /** A vector of n i.i.d. N(0, 1) entries. */
    public static double[] gaussianVector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = gaussian(r);
        }
        return v;
    }

    /** A rows×cols matrix of i.i.d. N(0, σ²) entries. */
    public static double[][] gaussianMatrix(SplittableRandom r, int rows, int cols, double sigma) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = sigma * gaussian(r);
            }
        }
        return a;
    }

    /** A point uniform on the unit sphere S^{d−1}. */
    public static double[] unitSphere(SplittableRandom r, int d) {
        while (true) {
            double[] v = gaussianVector(r, d);
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm > 1e-300) {
                for (int i = 0; i < d; i++) {
                    v[i] /= norm;
                }
                return v;
            }
        }
    }

    /** A Gamma(shape, 1) draw (Marsaglia–Tsang; shape &lt; 1 by boosting). */
    public static double gamma(SplittableRandom r, double shape) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        }
        if (shape < 1) {
            double u = r.nextDouble();
            while (u <= 0) {
                u = r.nextDouble();
            }
            return gamma(r, shape + 1) * StrictMath.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    /** Weights on the simplex Δ_k drawn from the symmetric Dirichlet(concentration) law. */
    public static double[] dirichlet(SplittableRandom r, int k, double concentration) {
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = gamma(r, concentration);
            sum += w[i];
        }
        if (sum <= 0) {
            java.util.Arrays.fill(w, 1.0 / k);
            return w;
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** One of the generators, uniformly. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = List.of(gens);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("oneOf needs at least one generator");
        }
        return (r, s) -> list.get(r.nextInt(list.size())).generate(r, s);
    }

    private static void requireRange(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
    }
}
