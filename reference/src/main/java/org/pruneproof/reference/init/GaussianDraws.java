package org.pruneproof.reference.init;

import java.util.SplittableRandom;

/**
 * Standard normal draws from an explicit {@link SplittableRandom} (Box–Muller), so that a seed fixes every draw.
 * {@link StrictMath} makes the draws bit-for-bit identical on every JDK, so a seed printed on one machine
 * replays the same instance on another.
 */
public final class GaussianDraws {

    private GaussianDraws() {
    }

    /** One N(0, 1) draw. */
    public static double standard(SplittableRandom random) {
        double u1 = random.nextDouble();
        while (u1 <= 0) {
            u1 = random.nextDouble();
        }
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    /** A rows×cols matrix (row-major) of i.i.d. N(0, σ²) entries. */
    public static org.ejml.data.DMatrixRMaj matrix(SplittableRandom random, int rows, int cols, double sigma) {
        org.ejml.data.DMatrixRMaj m = new org.ejml.data.DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length && k < rows * cols; k++) {
            m.data[k] = sigma * standard(random);
        }
        return m;
    }
}
