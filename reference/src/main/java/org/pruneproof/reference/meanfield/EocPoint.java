package org.pruneproof.reference.meanfield;

/**
 * A point on the Edge of Chaos: at (σ_b, σ_w) the variance map has the fixed point q* and χ(q*) = 1.
 *
 * @param activation name of φ
 * @param sigmaB     σ_b
 * @param sigmaW     σ_w on the EOC
 * @param q          the fixed point q* of the variance map
 * @param chi        χ = σ_w²·E[φ'(√q*·Z)²] recomputed at the point (1 up to the solver's tolerance)
 */
public record EocPoint(String activation, double sigmaB, double sigmaW, double q, double chi) {
}
