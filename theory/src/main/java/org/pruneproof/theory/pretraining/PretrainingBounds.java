package org.pruneproof.theory.pretraining;

/**
 * Bounds on greedy pruning of a pre-trained two-layer network (Wolfe et al.), in the explicit forms
 * proved in the project's proofs (docs/theory/wolfe2021.md). Sum-of-squares geometry on R^m:
 * {@code ε = ‖u − y‖} (dense network), {@code D̄² = (1/N)·Σ_r‖φ_r − y‖²} (spread of the neurons around
 * the target), {@code S_n = ‖f_n − y‖²} (greedy with replacement, n steps).
 */
public final class PretrainingBounds {

    private PretrainingBounds() {
    }

    /** W2(b): {@code ‖f_n − y‖ ≤ ε + D̄/√n}. */
    public static double greedyDistanceBound(double denseDistance, double meanSquaredDistance, int n) {
        requireN(n);
        requireNonNegative(denseDistance, "ε");
        requireNonNegative(meanSquaredDistance, "D̄²");
        return denseDistance + Math.sqrt(meanSquaredDistance / n);
    }

    /**
     * W2(b), one step: with {@code a_n = n·‖f_n − y‖}, {@code a_{n+1}² ≤ a_n² + 2ε·a_n + D̄²}; returns the
     * right-hand side.
     */
    public static double greedyStepBound(double aN, double denseDistance, double meanSquaredDistance) {
        return aN * aN + 2 * denseDistance * aN + meanSquaredDistance;
    }

    /** W2(b) squared: {@code S_n ≤ 2·S_dense + 2·D̄²/n}. */
    public static double prunedLossBound(double denseLoss, double meanSquaredDistance, int n) {
        requireN(n);
        return 2 * denseLoss + 2 * meanSquaredDistance / n;
    }

    /** W3(b): whether the premise {@code S_dense ≤ D̄²/n} of the threshold implication holds. */
    public static boolean thresholdPremise(double denseLoss, double meanSquaredDistance, int n) {
        requireN(n);
        return denseLoss <= meanSquaredDistance / n;
    }

    /** W3(b): under the premise, {@code S_n ≤ 4·D̄²/n}. */
    public static double thresholdBound(double meanSquaredDistance, int n) {
        requireN(n);
        return 4 * meanSquaredDistance / n;
    }

    /**
     * W1 [recalled, Du et al. 2019 Thm 5.1]: the dense NTK loss after t steps of size η is at most
     * {@code (1 − ηλ₀/2)^t·S(0)}; returns the factor {@code (1 − ηλ₀/2)^t}.
     */
    public static double ntkContraction(double stepSize, double lambda0, int t) {
        double q = 1 - stepSize * lambda0 / 2;
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("need 0 < ηλ₀/2 < 1, got η = " + stepSize + ", λ₀ = " + lambda0);
        }
        return StrictMath.pow(q, t);
    }

    /**
     * W3 [recalled]: the slope in ln m of the sufficient pre-training time
     * {@code t₀ = ln(n·S_dense(0)/D̄²)/(−ln(1 − ηλ₀/2))} when S_dense(0) = Θ(m):
     * {@code 1/(−ln(1 − ηλ₀/2))}.
     */
    public static double thresholdSlopeBound(double stepSize, double lambda0) {
        double q = 1 - stepSize * lambda0 / 2;
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("need 0 < ηλ₀/2 < 1, got η = " + stepSize + ", λ₀ = " + lambda0);
        }
        return 1 / (-StrictMath.log(q));
    }

    private static void requireN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1, got " + n);
        }
    }

    private static void requireNonNegative(double v, String name) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be ≥ 0, got " + v);
        }
    }
}
