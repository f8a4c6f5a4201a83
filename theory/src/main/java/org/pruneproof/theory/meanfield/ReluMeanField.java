package org.pruneproof.theory.meanfield;

/**
 * Closed forms of the mean-field recursions for ReLU, φ(z) = max(z, 0) (docs/theory/hayou2021.md).
 *
 * <p>By symmetry E[relu(√q Z)²] = q/2 and E[1{Z &gt; 0}] = 1/2, hence
 * q^l = σ_b² + (σ_w²/2)·q^{l−1} and χ = σ_w²/2; the Edge of Chaos is the single point (σ_b, σ_w) = (0, √2).
 * On the EOC the correlation map is the arc-cosine kernel
 * f(c) = (√(1−c²) + c·arcsin c)/π + c/2, with f(1) = 1, f'(1) = 1 and 1 − c^l ≈ 9π²/(2l²).
 */
public final class ReluMeanField {

    /** σ_w on the ReLU Edge of Chaos (with σ_b = 0). */
    public static final double EOC_SIGMA_W = Math.sqrt(2);

    /** The limit of l²·(1 − c^l) on the ReLU EOC: 9π²/2 ≈ 44.41. */
    public static final double CORRELATION_LIMIT = 9 * Math.PI * Math.PI / 2;

    private ReluMeanField() {
    }

    /** χ = σ_w²·E[1{Z &gt; 0}] = σ_w²/2. */
    public static double chi(double sigmaW) {
        return sigmaW * sigmaW / 2;
    }

    /** The variance map q ↦ σ_b² + σ_w²·q/2. */
    public static double variance(double q, double sigmaB, double sigmaW) {
        requireNonNegative("q", q);
        return sigmaB * sigmaB + sigmaW * sigmaW * q / 2;
    }

    /**
     * The correlation map on the EOC (σ_b = 0, σ_w = √2): f(c) = (√(1−c²) + c·arcsin c)/π + c/2.
     *
     * @param c a correlation in [−1, 1]
     */
    public static double eocCorrelation(double c) {
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation must be in [-1, 1], got " + c);
        }
        return (Math.sqrt(Math.max(0, 1 - c * c)) + c * StrictMath.asin(c)) / Math.PI + c / 2;
    }

    /**
     * The gap map δ ↦ 1 − f(1 − δ) of the EOC correlation map, written without cancellation near c = 1:
     * 1 − f(1 − δ) = δ − [√(δ(2 − δ)) − 2(1 − δ)·arcsin(√(δ/2))]/π, using arccos(1 − δ) = 2·arcsin(√(δ/2)).
     * Iterating this form keeps the relative accuracy of δ_l = 1 − c^l even when δ_l ≈ 1e-9.
     *
     * @param delta 1 − c ∈ [0, 2]
     */
    public static double eocCorrelationGap(double delta) {
        if (!(delta >= 0 && delta <= 2)) {
            throw new IllegalArgumentException("1 - c must be in [0, 2], got " + delta);
        }
        return delta - (Math.sqrt(delta * (2 - delta)) - 2 * (1 - delta) * StrictMath.asin(Math.sqrt(delta / 2))) / Math.PI;
    }

    /** δ_l = 1 − c^l after {@code steps} applications of the EOC correlation map from 1 − c^0 = delta0 (stable form). */
    public static double eocCorrelationGapAfter(double delta0, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        double d = delta0;
        for (int l = 0; l < steps; l++) {
            d = eocCorrelationGap(d);
        }
        return d;
    }

    static void requireNonNegative(String name, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be ≥ 0, got " + v);
        }
    }
}
