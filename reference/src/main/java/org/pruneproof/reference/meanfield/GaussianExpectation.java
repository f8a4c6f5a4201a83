package org.pruneproof.reference.meanfield;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.analysis.integration.UnivariateIntegrator;

/**
 * Gaussian expectations E[g(√q·Z)], Z ~ N(0, 1), by deterministic quadrature (not Monte Carlo).
 *
 * <p>The integral ∫ g(√q·z)·pdf(z) dz is truncated to |z| ≤ {@value #CUTOFF} (the neglected mass is below
 * 1e-30 times a polynomial in the cut-off) and split at z = 0 and at every kink k of g, mapped to
 * z = k/√q, so that each piece is smooth. Each piece is integrated with commons-math3's
 * {@link IterativeLegendreGaussIntegrator} (32-point Gauss–Legendre rule on successively refined
 * sub-intervals) to relative accuracy 1e-13 and absolute accuracy 1e-15, which puts the total error
 * well below 1e-9 for the activations of the project.
 */
public final class GaussianExpectation {

    /** Integration range in units of the standard deviation. */
    public static final double CUTOFF = 12;

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final int MAX_EVALUATIONS = 10_000_000;

    private GaussianExpectation() {
    }

    /** The standard normal density. */
    public static double pdf(double z) {
        return INV_SQRT_2PI * StrictMath.exp(-0.5 * z * z);
    }

    /**
     * E[g(√q·Z)] for Z ~ N(0, 1).
     *
     * @param g     the integrand, smooth between its kinks
     * @param q     the variance, ≥ 0 (q = 0 gives g(0))
     * @param kinks points (in the argument of g) where g or its derivative jumps
     */
    public static double of(DoubleUnaryOperator g, double q, double[] kinks) {
        if (!(q >= 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("variance q must be finite and ≥ 0, got " + q);
        }
        if (q == 0) {
            return g.applyAsDouble(0);
        }
        double s = Math.sqrt(q);
        return integrate(z -> g.applyAsDouble(s * z) * pdf(z), breakpoints(kinks, s));
    }

    /**
     * ∫ h(z)·dz over [−CUTOFF, CUTOFF] split at the given interior points (h already contains the density).
     */
    static double integrate(DoubleUnaryOperator h, double[] interior) {
        double[] cuts = new double[interior.length + 2];
        cuts[0] = -CUTOFF;
        System.arraycopy(interior, 0, cuts, 1, interior.length);
        cuts[cuts.length - 1] = CUTOFF;
        double total = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            if (cuts[i + 1] > cuts[i]) {
                UnivariateIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15, 1, 64);
                total += integrator.integrate(MAX_EVALUATIONS, h::applyAsDouble, cuts[i], cuts[i + 1]);
            }
        }
        return total;
    }

    /** Breakpoints in z: 0 and each kink k mapped to k/scale, inside (−CUTOFF, CUTOFF), sorted, distinct. */
    static double[] breakpoints(double[] kinks, double scale) {
        double[] pts = new double[kinks.length + 1];
        pts[0] = 0;
        for (int i = 0; i < kinks.length; i++) {
            pts[i + 1] = kinks[i] / scale;
        }
        return Arrays.stream(pts).filter(p -> p > -CUTOFF && p < CUTOFF).sorted().distinct().toArray();
    }
}
