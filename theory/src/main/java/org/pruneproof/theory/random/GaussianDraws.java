package org.pruneproof.theory.random;

import java.util.SplittableRandom;

/**
 * Standard normal draws from an explicit {@link SplittableRandom} (Box–Muller), so that a seed fixes every draw:
 * z = √(−2 ln u₁)·cos(2π u₂) with u₁ ∈ (0, 1), u₂ ∈ [0, 1) uniform. {@link StrictMath} makes the draws
 * bit-for-bit identical on every JDK, so a seed printed on one machine replays the same instance on another.
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
}
