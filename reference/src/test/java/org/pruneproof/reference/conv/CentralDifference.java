package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Gradient checks: ∂L/∂θ_k ≈ (L(θ + h·e_k) − L(θ − h·e_k))/(2h), entry by entry, on a live parameter array. */
final class CentralDifference {

    static final double H = 1e-6;

    private CentralDifference() {
    }

    /**
     * Asserts that {@code analytic[k]} matches the central difference of {@code loss} in {@code params[k]}
     * for every k, within 1e-6 relative (absolute below 1).
     */
    static void check(String what, double[] params, double[] analytic, DoubleSupplier loss) {
        if (params.length != analytic.length) {
            throw new AssertionError(what + ": " + params.length + " parameters but " + analytic.length + " gradient entries");
        }
        for (int k = 0; k < params.length; k++) {
            double keep = params[k];
            params[k] = keep + H;
            double up = loss.getAsDouble();
            params[k] = keep - H;
            double down = loss.getAsDouble();
            params[k] = keep;
            double numeric = (up - down) / (2 * H);
            double err = Math.abs(numeric - analytic[k]);
            assertTrue(err <= 1e-6 * Math.max(1, Math.abs(numeric)),
                    what + "[" + k + "]: analytic " + analytic[k] + ", central difference " + numeric);
        }
    }

    /** Standard normal entries from a seed. */
    static double[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            // Box–Muller
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            v[k] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    /** Σ_k a_k·b_k. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
