package org.pruneproof.theory.activation;

import java.util.List;
import java.util.Locale;

/**
 * The standard activations: ReLU max(z, 0), tanh, and ELU (z for z ≥ 0, e^z − 1 otherwise).
 */
public final class Activations {

    /** ReLU: φ(z) = max(z, 0), φ'(z) = 1{z ≥ 0}. */
    public static final Activation RELU = new Simple("relu") {
        @Override public double value(double z) { return z > 0 ? z : 0; }
        @Override public double derivative(double z) { return z >= 0 ? 1 : 0; }
        @Override public double[] kinks() { return new double[] {0}; }
    };

    /** tanh. */
    public static final Activation TANH = new Simple("tanh") {
        @Override public double value(double z) { return StrictMath.tanh(z); }
        @Override public double derivative(double z) {
            double t = StrictMath.tanh(z);
            return 1 - t * t;
        }
    };

    /** ELU with α = 1: φ(z) = z for z ≥ 0, e^z − 1 otherwise. */
    public static final Activation ELU = new Simple("elu") {
        @Override public double value(double z) { return z >= 0 ? z : StrictMath.expm1(z); }
        @Override public double derivative(double z) { return z >= 0 ? 1 : StrictMath.exp(z); }
        @Override public double[] kinks() { return new double[] {0}; }
    };

    private static final List<Activation> ALL = List.of(RELU, TANH, ELU);

    private Activations() {
    }

    /** All named activations. */
    public static List<Activation> all() {
        return ALL;
    }

    /**
     * The activation of that name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Activation byName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Activation a : ALL) {
            if (a.name().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of relu, tanh, elu");
    }

    private abstract static class Simple implements Activation {
        private final String name;

        Simple(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
