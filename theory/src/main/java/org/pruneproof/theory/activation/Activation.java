package org.pruneproof.theory.activation;

/**
 * A scalar activation φ with its derivative, as used by the two-layer networks (Ye et al.,
 * Wolfe et al.) and the mean-field recursions (Hayou et al.).
 */
public interface Activation {

    /** A short lower-case name, e.g. {@code relu}. */
    String name();

    /** φ(z). */
    double value(double z);

    /** φ'(z); at a kink, the right derivative. */
    double derivative(double z);

    /**
     * Points where φ or φ' is not smooth; quadrature splits its integration range there
     * (empty for smooth activations).
     */
    default double[] kinks() {
        return new double[0];
    }
}
