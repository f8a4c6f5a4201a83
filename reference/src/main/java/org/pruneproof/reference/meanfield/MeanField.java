package org.pruneproof.reference.meanfield;

import java.util.Objects;
import org.pruneproof.theory.activation.Activation;

/**
 * The mean-field maps of a fully connected network with activation φ, weights N(0, σ_w²/fan-in) and
 * biases N(0, σ_b²) (Schoenholz et al. 2017; docs/theory/hayou2021.md), with Z, Z₁, Z₂ i.i.d. N(0, 1):
 * <ul>
 *   <li>variance map q ↦ σ_b² + σ_w²·E[φ(√q·Z)²];</li>
 *   <li>χ(q) = σ_w²·E[φ'(√q·Z)²] (χ at the fixed point q* decides the phase: &lt; 1 ordered, 1 EOC, &gt; 1 chaotic);</li>
 *   <li>correlation map f(c) = [σ_b² + σ_w²·E φ(√q Z₁)·φ(√q (c Z₁ + √(1−c²) Z₂))]/q at q = q*.</li>
 * </ul>
 * Expectations come from {@link GaussianExpectation} (quadrature split at the activation's kinks).
 *
 * @param activation φ
 * @param sigmaB     σ_b ≥ 0
 * @param sigmaW     σ_w &gt; 0
 */
public record MeanField(Activation activation, double sigmaB, double sigmaW) {

    public MeanField {
        Objects.requireNonNull(activation, "activation");
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("sigmaB must be finite and ≥ 0, got " + sigmaB);
        }
        if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
            throw new IllegalArgumentException("sigmaW must be finite and > 0, got " + sigmaW);
        }
    }

    /** E[φ(√q·Z)²]. */
    public double secondMoment(double q) {
        return GaussianExpectation.of(z -> square(activation.value(z)), q, activation.kinks());
    }

    /** E[φ'(√q·Z)²]. */
    public double derivativeSecondMoment(double q) {
        return GaussianExpectation.of(z -> square(activation.derivative(z)), q, activation.kinks());
    }

    /** The variance map q ↦ σ_b² + σ_w²·E[φ(√q·Z)²]. */
    public double variance(double q) {
        return sigmaB * sigmaB + sigmaW * sigmaW * secondMoment(q);
    }

    /** χ(q) = σ_w²·E[φ'(√q·Z)²]. */
    public double chi(double q) {
        return sigmaW * sigmaW * derivativeSecondMoment(q);
    }

    /**
     * The fixed point q* of the variance map, iterated from {@code q0} until |q_{n+1} − q_n| ≤ tol·max(q_n, 1e-300)
     * (see {@link FixedPoint}).
     *
     * @throws ArithmeticException when the iteration diverges (no finite fixed point, e.g. ReLU with χ ≥ 1 and σ_b &gt; 0)
     */
    public double fixedPointVariance(double q0, double tol) {
        return FixedPoint.iterate(this::variance, q0, tol, "the variance map of " + this);
    }

    /**
     * The correlation map f(c) at variance q: [σ_b² + σ_w²·E φ(u₁)φ(u₂)]/q with u₁ = √q Z₁,
     * u₂ = √q (c Z₁ + √(1−c²) Z₂), by nested quadrature (inner integral split at the kinks of φ in Z₂).
     */
    public double correlation(double c, double q) {
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation must be in [-1, 1], got " + c);
        }
        if (!(q > 0)) {
            throw new IllegalArgumentException("q must be > 0, got " + q);
        }
        double s = Math.sqrt(q);
        double r = Math.sqrt(Math.max(0, 1 - c * c));
        double[] kinks = activation.kinks();
        double cross = GaussianExpectation.integrate(z1 -> {
            double a = activation.value(s * z1);
            if (a == 0) {
                return 0;
            }
            double inner;
            if (r == 0) {
                inner = activation.value(s * c * z1);
            } else {
                double[] cuts = new double[kinks.length];
                for (int i = 0; i < kinks.length; i++) {
                    cuts[i] = (kinks[i] / s - c * z1) / r;
                }
                inner = GaussianExpectation.integrate(z2 -> activation.value(s * (c * z1 + r * z2)) * GaussianExpectation.pdf(z2),
                        GaussianExpectation.breakpoints(cuts, 1));
            }
            return a * inner * GaussianExpectation.pdf(z1);
        }, GaussianExpectation.breakpoints(kinks, s));
        return (sigmaB * sigmaB + sigmaW * sigmaW * cross) / q;
    }

    private static double square(double x) {
        return x * x;
    }
}
