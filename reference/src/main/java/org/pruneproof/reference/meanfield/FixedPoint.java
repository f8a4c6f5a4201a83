package org.pruneproof.reference.meanfield;

import java.util.function.DoubleUnaryOperator;

/**
 * Fixed-point iteration x ← T(x) that stops on a relative tolerance, |T(x) − x| ≤ tol·max(x, 1e-300), and
 * reports divergence when x leaves [0, {@value #DIVERGENCE}) or when the step has not shrunk for
 * {@value #STALL} consecutive iterations (a map that is not contracting, such as q ← σ_b² + q).
 */
final class FixedPoint {

    static final double DIVERGENCE = 1e12;
    static final int STALL = 200;
    static final int MAX_ITERATIONS = 10_000_000;

    private FixedPoint() {
    }

    /**
     * The fixed point of {@code map} from {@code x0}.
     *
     * @throws ArithmeticException with {@code what} in its message on divergence
     */
    static double iterate(DoubleUnaryOperator map, double x0, double tol, String what) {
        double x = x0;
        double lastStep = Double.POSITIVE_INFINITY;
        int notShrinking = 0;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            double next = map.applyAsDouble(x);
            if (!(next >= 0 && next < DIVERGENCE)) {
                throw new ArithmeticException(what + " diverges (value " + next + " after " + n + " iterations)");
            }
            double step = Math.abs(next - x);
            if (step <= tol * Math.max(x, 1e-300)) {
                return next;
            }
            notShrinking = step >= lastStep * (1 - 1e-9) ? notShrinking + 1 : 0;
            if (notShrinking >= STALL) {
                throw new ArithmeticException(what + " does not converge: the step stopped shrinking at " + step);
            }
            lastStep = step;
            x = next;
        }
        throw new ArithmeticException(what + " did not converge in " + MAX_ITERATIONS + " iterations");
    }
}
