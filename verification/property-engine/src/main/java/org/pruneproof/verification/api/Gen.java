package org.pruneproof.verification.api;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of values from a seeded random source and a size parameter (1 … {@link #MAX_SIZE}),
 * which generators use to scale dimensions: small sizes give small instances.
 *
 * @param <T> the generated type
 */
@FunctionalInterface
public interface Gen<T> {

    /** The largest size the engine asks for. */
    int MAX_SIZE = 100;

    /** Generates one value; every random choice must come from {@code random}. */
    T generate(SplittableRandom random, int size);

    /** Applies {@code f} to every generated value. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f);
        return (r, s) -> f.apply(generate(r, s));
    }

    /** Generates a value, then a value of the generator {@code f} picks for it. */
    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        Objects.requireNonNull(f);
        return (r, s) -> f.apply(generate(r, s)).generate(r, s);
    }

    /**
     * Mixes in edge cases on purpose: with probability {@code p} the value comes from {@code edges}.
     */
    default Gen<T> withEdgeCases(double p, Gen<T> edges) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        return (r, s) -> r.nextDouble() < p ? edges.generate(r, s) : generate(r, s);
    }
}
