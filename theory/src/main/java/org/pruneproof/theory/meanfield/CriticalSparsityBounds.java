package org.pruneproof.theory.meanfield;

/**
 * The recalled Theorem 1 of Hayou et al. 2021 (docs/theory/hayou2021.md, constants UNVERIFIED: the factor 8
 * in κ is recalled with low-to-medium confidence, and the O(·) remainder is dropped): for a fully connected
 * net of constant width N and depth L in the ordered phase (χ &lt; 1),
 * E[s_cr] ≤ (1/L)·(1 + log(κ·L·N²)/κ), κ = |log χ|/8.
 */
public final class CriticalSparsityBounds {

    private CriticalSparsityBounds() {
    }

    /** κ = |log χ|/8 (recalled). */
    public static double kappa(double chi) {
        if (!(chi > 0)) {
            throw new IllegalArgumentException("χ must be > 0, got " + chi);
        }
        return Math.abs(StrictMath.log(chi)) / 8;
    }

    /**
     * The recalled ordered-phase bound (1/L)·(1 + log(κ·L·N²)/κ), leading term only.
     *
     * @throws IllegalArgumentException unless χ &lt; 1, L ≥ 1 and N ≥ 1
     */
    public static double orderedPhaseRecalled(double chi, int depth, int width) {
        if (!(chi > 0 && chi < 1)) {
            throw new IllegalArgumentException("the ordered-phase bound needs 0 < χ < 1, got " + chi);
        }
        if (depth < 1 || width < 1) {
            throw new IllegalArgumentException("depth and width must be ≥ 1, got L=" + depth + ", N=" + width);
        }
        double k = kappa(chi);
        return (1 + StrictMath.log(k * depth * (double) width * width) / k) / depth;
    }
}
