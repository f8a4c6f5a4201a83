package org.pruneproof.theory.greedy;

/**
 * Rates of greedy forward selection with replacement (Ye et al. 2020), in the explicit-constant
 * forms proved in the project's notes ({@code ye2020.md} §4, T1(b) and T2(b)).
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
     * One-step form of the realizable rate: {@code (n+1)²·L_{n+1} ≤ n²·L_n + V_α}, returned as the
     * bound on {@code L_{n+1}}: {@code (n²·L_n + V_α)/(n+1)²}.
     */
    public static double realizableStepBound(int n, double lossN, double spread) {
        requirePositive(n);
        requireNonNegative(spread, "spread");
        double n1 = n + 1.0;
        return ((double) n * n * lossN + spread) / (n1 * n1);
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
