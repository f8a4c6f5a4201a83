package org.pruneproof.theory.greedy;

/**
 * Rates of greedy forward selection with replacement (Ye et al. 2020), in the explicit-constant
 * forms proved in the project's proofs (docs/theory/ye2020.md).
 *
 * <p>Notation: {@code L_n} is the loss (1/m)·‖f_n − y‖² of the n-neuron greedy subnetwork,
 * {@code V_α = Σ α_i ‖φ_i − g_α‖²} the spread of a convex combination g_α = Σ α_i φ_i, in the same
 * (1/m) geometry, and {@code H_n} the n-th harmonic number.
 */
public final class GreedyRates {

    private GreedyRates() {
    }

    /**
     * Realizable rate (y = g_α): {@code L_n ≤ V_α / n}.
     *
     * @param spread V_α ≥ 0
     * @param n      number of selected neurons, n ≥ 1
     */
    public static double realizableBound(double spread, int n) {
        requirePositive(n);
        requireNonNegative(spread, "spread");
        return spread / n;
    }

    /**
     * General rate (any target, any α on the simplex; docs/theory/ye2020.md): the excess
     * {@code e_n = L_n − L(g_α)} satisfies {@code n·e_n ≤ V_α·H_n}; returned as the bound
     * {@code V_α·H_n/n} on e_n.
     *
     * @param spread V_α ≥ 0
     * @param n      number of selected neurons, n ≥ 1
     */
    public static double generalBound(double spread, int n) {
        requirePositive(n);
        requireNonNegative(spread, "spread");
        return spread * harmonic(n) / n;
    }

    /**
     * One-step form of the general rate: {@code e_{n+1} ≤ (n/(n+1))·e_n + V_α/(n+1)²}, equivalently
     * {@code (n+1)²·e_{n+1} ≤ n(n+1)·e_n + V_α}; returned as the bound on e_{n+1}.
     */
    public static double generalStepBound(int n, double excessN, double spread) {
        requirePositive(n);
        requireNonNegative(spread, "spread");
        double n1 = n + 1.0;
        return (n * n1 * excessN + spread) / (n1 * n1);
    }

    /**
     * Interior (herding) constant of docs/theory/ye2020.md: if the ball B(y, r) lies in the hull of the φ_i
     * and D = max_i ‖φ_i − y‖, then {@code n²·L_n = ‖w_n‖² ≤ (D²/(2r))² + D²} for every n ≥ 1,
     * with w_n = n(y − f_n). Returns that constant.
     *
     * @param maxDistance D ≥ 0
     * @param inradius    r &gt; 0, in the same geometry as D
     */
    public static double interiorConstant(double maxDistance, double inradius) {
        requireNonNegative(maxDistance, "D");
        if (!(inradius > 0)) {
            throw new IllegalArgumentException("inradius r must be > 0, got " + inradius);
        }
        double d2 = maxDistance * maxDistance;
        double h = d2 / (2 * inradius);
        return h * h + d2;
    }

    /** Interior rate: {@code L_n ≤ ((D²/(2r))² + D²)/n²}. */
    public static double interiorBound(double maxDistance, double inradius, int n) {
        requirePositive(n);
        return interiorConstant(maxDistance, inradius) / ((double) n * n);
    }

    /**
     * The herding one-step inequality of docs/theory/ye2020.md:
     * {@code ‖w_{n+1}‖² ≤ ‖w_n‖² − 2r‖w_n‖ + D²}; returns the right-hand side.
     *
     * @param wNorm ‖w_n‖ = n·√L_n ≥ 0
     */
    public static double herdingStepBound(double wNorm, double inradius, double maxDistance) {
        requireNonNegative(wNorm, "‖w_n‖");
        requireNonNegative(maxDistance, "D");
        return wNorm * wNorm - 2 * inradius * wNorm + maxDistance * maxDistance;
    }

    /** The harmonic number {@code H_n = 1 + 1/2 + … + 1/n}. */
    public static double harmonic(int n) {
        requirePositive(n);
        double h = 0;
        for (int k = n; k >= 1; k--) {
            h += 1.0 / k;
        }
        return h;
    }

    private static void requirePositive(int n) {
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
