package org.pruneproof.theory.twolayer;

/**
 * Output scaling of a two-layer network f(x) = c_N·Σ_r b_r·σ(a_rᵀx) of width N.
 *
 * <p>Both scalings are written as an average of per-neuron outputs, f = (1/N)·Σ_r φ_r with
 * φ_r(x) = (N·c_N)·b_r·σ(a_rᵀx), so that greedy selection (which averages the chosen φ_r) applies to
 * either; the proofs (docs/theory/wolfe2021.md) show why the two behave very differently:
 * in NTK scaling every φ_r is Θ(√N) and the greedy bounds become vacuous.
 */
public enum Scaling {
    /** Mean-field: c_N = 1/N, φ_r = b_r·σ(a_rᵀx). */
    MEAN_FIELD,
    /** Neural tangent kernel: c_N = 1/√N, φ_r = √N·b_r·σ(a_rᵀx). */
    NTK;

    /** c_N, the factor in front of the sum over neurons. */
    public double outputFactor(int width) {
        requireWidth(width);
        return this == MEAN_FIELD ? 1.0 / width : 1.0 / Math.sqrt(width);
    }

    /** N·c_N, the factor on each neuron's output when the network is written as an average. */
    public double neuronFactor(int width) {
        requireWidth(width);
        return this == MEAN_FIELD ? 1.0 : Math.sqrt(width);
    }

    /** The lower-case label used on the command line and in results: {@code mean-field}, {@code ntk}. */
    public String label() {
        return this == MEAN_FIELD ? "mean-field" : "ntk";
    }

    private static void requireWidth(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be ≥ 1, got " + width);
        }
    }
}
