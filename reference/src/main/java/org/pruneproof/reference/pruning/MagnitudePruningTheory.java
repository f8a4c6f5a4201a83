package org.pruneproof.reference.pruning;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The kept second moment after magnitude pruning of i.i.d. Gaussian weights (docs/theory/hayou2021.md, derived):
 * keeping |W| above τ standard deviations keeps the fraction p = 2Φ̄(τ), and
 * E[Z²·1{|Z| &gt; τ}] = 2(τ·pdf(τ) + Φ̄(τ)) of the second moment (pdf and Φ̄ the standard normal density and upper
 * tail), so χ̂ = 2(τ·pdf(τ) + Φ̄(τ))·χ. A random mask keeps the fraction 1 − s of it.
 */
public final class MagnitudePruningTheory {

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private MagnitudePruningTheory() {
    }

    /** τ with 2Φ̄(τ) = 1 − s: the MBP threshold in units of the weight standard deviation. */
    public static double threshold(double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        return STANDARD.inverseCumulativeProbability(1 - (1 - sparsity) / 2);
    }

    /** 2(τ·pdf(τ) + Φ̄(τ)): the fraction of the second moment MBP keeps at sparsity s. */
    public static double keptSecondMomentFraction(double sparsity) {
        double tau = threshold(sparsity);
        return 2 * (tau * STANDARD.density(tau) + STANDARD.cumulativeProbability(-tau));
    }
}
