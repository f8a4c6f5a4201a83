package org.pruneproof.reference.meanfield;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.pruneproof.theory.activation.Activation;

/**
 * The Edge of Chaos curve σ_w(σ_b) of an activation φ: the (σ_b, σ_w) at which χ = σ_w²·E[φ'(√q*·Z)²] = 1,
 * q* the fixed point of the variance map (docs/theory/hayou2021.md), computed two independent ways:
 * <ol>
 *   <li>{@link #byFixedPoint}: the method of the authors' {@code eoc_curves.py} with quadrature instead of
 *       Monte Carlo — on the EOC σ_w² = 1/E[φ'²], so q* solves q = σ_b² + E[φ(√q Z)²]/E[φ'(√q Z)²];
 *       iterate that map to a relative tolerance, then σ_w = E[φ'(√q* Z)²]^{−1/2};</li>
 *   <li>{@link #byRootFinding}: commons-math3's {@link BrentSolver} on σ_w ↦ χ(σ_b, σ_w) − 1, recomputing q*
 *       by iterating the variance map at every σ_w.</li>
 * </ol>
 * Both stop on tolerances, not on iteration counts. Where no EOC exists (ReLU with σ_b &gt; 0: the variance
 * diverges when χ ≥ 1) they throw {@link NoEdgeOfChaosException}.
 */
public final class EdgeOfChaos {

    /** Default relative tolerance of the fixed-point iterations. */
    public static final double TOLERANCE = 1e-13;

    private static final double SIGMA_W_MAX = 1e3;

    private EdgeOfChaos() {
    }

    /** Thrown when an activation has no Edge of Chaos at the given σ_b. */
    public static final class NoEdgeOfChaosException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoEdgeOfChaosException(String message) {
            super(message);
        }
    }

    /**
     * The EOC point at σ_b by iterating q ← σ_b² + E[φ(√q Z)²]/E[φ'(√q Z)²] from q = 1 (relative tolerance
     * {@code tol}), then σ_w = E[φ'(√q* Z)²]^{−1/2}.
     */
    public static EocPoint byFixedPoint(Activation phi, double sigmaB, double tol) {
        requireSigmaB(sigmaB);
        MeanField unit = new MeanField(phi, sigmaB, 1);
        double q;
        try {
            q = FixedPoint.iterate(x -> {
                double d = unit.derivativeSecondMoment(x);
                if (!(d > 0)) {
                    throw new ArithmeticException("E[phi'^2] vanishes at q=" + x);
                }
                return sigmaB * sigmaB + unit.secondMoment(x) / d;
            }, 1, tol, "the EOC variance iteration");
        } catch (ArithmeticException e) {
            throw new NoEdgeOfChaosException("no Edge of Chaos for " + phi.name() + " at sigma_b=" + sigmaB + ": " + e.getMessage());
        }
        return point(phi, sigmaB, q);
    }

    /** {@link #byFixedPoint(Activation, double, double)} at the default tolerance. */
    public static EocPoint byFixedPoint(Activation phi, double sigmaB) {
        return byFixedPoint(phi, sigmaB, TOLERANCE);
    }

    /**
     * The EOC point at σ_b by Brent's method on σ_w ↦ χ(q*(σ_b, σ_w)) − 1 (absolute accuracy {@code sigmaWTol} in σ_w),
     * the bracket found by doubling/halving from [0.5, 2]; q* by iterating the variance map from q = 1.
     */
    public static EocPoint byRootFinding(Activation phi, double sigmaB, double sigmaWTol) {
        requireSigmaB(sigmaB);
        double lo = 0.5;
        while (chiAtFixedPoint(phi, sigmaB, lo) >= 1) {
            lo /= 2;
            if (lo < 1e-6) {
                throw new NoEdgeOfChaosException("no ordered phase found for " + phi.name() + " at sigma_b=" + sigmaB);
            }
        }
        double hi = 2;
        while (chiAtFixedPoint(phi, sigmaB, hi) <= 1) {
            lo = hi;
            hi *= 2;
            if (hi > SIGMA_W_MAX) {
                throw new NoEdgeOfChaosException("no chaotic phase found for " + phi.name() + " at sigma_b=" + sigmaB);
            }
        }
        BrentSolver solver = new BrentSolver(1e-15, sigmaWTol);
        double sigmaW = solver.solve(10_000, sw -> chiAtFixedPoint(phi, sigmaB, sw) - 1, lo, hi);
        MeanField mf = new MeanField(phi, sigmaB, sigmaW);
        double q = mf.fixedPointVariance(1, TOLERANCE);
        return new EocPoint(phi.name(), sigmaB, sigmaW, q, mf.chi(q));
    }

    /**
     * χ at the fixed point of the variance map for (σ_b, σ_w); +∞ when the variance diverges (chaotic side for
     * an unbounded activation).
     */
    public static double chiAtFixedPoint(Activation phi, double sigmaB, double sigmaW) {
        MeanField mf = new MeanField(phi, sigmaB, sigmaW);
        try {
            return mf.chi(mf.fixedPointVariance(1, TOLERANCE));
        } catch (ArithmeticException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The EOC curve: one point (by fixed point) per σ_b, in the given order. */
    public static List<EocPoint> curve(Activation phi, double[] sigmaBs) {
        List<EocPoint> out = new ArrayList<>(sigmaBs.length);
        for (double sb : sigmaBs) {
            out.add(byFixedPoint(phi, sb));
        }
        return out;
    }

    private static EocPoint point(Activation phi, double sigmaB, double q) {
        double d = new MeanField(phi, sigmaB, 1).derivativeSecondMoment(q);
        double sigmaW = 1 / Math.sqrt(d);
        return new EocPoint(phi.name(), sigmaB, sigmaW, q, new MeanField(phi, sigmaB, sigmaW).chi(q));
    }

    private static void requireSigmaB(double sigmaB) {
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("sigma_b must be finite and ≥ 0, got " + sigmaB);
        }
    }
}
