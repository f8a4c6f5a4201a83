package org.pruneproof.theory.greedy;

import org.pruneproof.theory.Tolerance;

/**
 * The error window of the one-product greedy step (prior-art.md §E.1). Step n screens every candidate
 * with the expanded loss {@code m·L_i = ‖r‖² + 2η·(Φr)_i + η²·‖φ_i‖²} (η = 1/n, r = s/n − y), where
 * only (Φr)_i carries the working precision's error, at most about {@code γ·‖φ_i‖·‖r‖} with
 * {@code γ = 4(√m + 4)·u} (u the working unit roundoff; ‖r‖² and ‖φ_i‖² are exact in double). Every
 * candidate whose screened value is within
 * <pre>  w = 2γ·c + 8·2⁻⁵³·(‖r‖² + c + η²·max‖φ_i‖²) + 2·tie·|min screened|,   c = 2η·max‖φ_i‖·‖r‖,</pre>
 * of the screened minimum — twice the error of two candidates swapping, the double rounding of the
 * sum, and twice the tie tolerance ({@link Tolerance#TIE_RELATIVE}) — must be re-evaluated directly so
 * that the exact argmin and every candidate tying with it are among those re-evaluated. (The GPU
 * engine uses this. γ here is an estimate, not a worst-case bound; the scaled engine's {@code GreedySelector.window}
 * now uses rigorous bounds instead: γ_m for a double GEMV, its float32 lane kernel's own bound, and the reused
 * products' β_n — moving the GPU engine onto them is still to do.)
 */
public final class ScreeningWindow {

    private ScreeningWindow() {
    }

    /**
     * The window w above.
     *
     * @param residualSquared ‖r‖²
     * @param eta             η = 1/n
     * @param maxSquaredNorm  max ‖φ_i‖² over the candidates
     * @param screenedMin     the least screened value
     * @param points          m
     * @param unitRoundoff    u of the precision Φ and r are stored in
     */
    public static double width(double residualSquared, double eta, double maxSquaredNorm, double screenedMin, int points,
                               double unitRoundoff) {
        double gamma = 4 * (Math.sqrt(points) + 4) * unitRoundoff;
        double cross = 2 * eta * Math.sqrt(maxSquaredNorm) * Math.sqrt(residualSquared);
        return 2 * gamma * cross + 8 * 0x1p-53 * (residualSquared + cross + eta * eta * maxSquaredNorm)
                + 2 * Tolerance.TIE_RELATIVE * Math.abs(screenedMin);
    }
}
