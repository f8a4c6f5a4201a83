package org.pruneproof.verification.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Proposes simpler versions of a failing instance (fewer neurons, fewer points, lower dimension,
 * simpler values), most aggressive first. The engine keeps the first candidate that still fails
 * and asks again, until no candidate fails.
 *
 * @param <T> the instance type
 */
@FunctionalInterface
public interface Shrinker<T> {

    /** Candidates simpler than {@code value}, simplest first; each must be strictly simpler. */
    Stream<T> candidates(T value);

    /** No shrinking. */
    static <T> Shrinker<T> none() {
        return v -> Stream.empty();
    }

    /** The candidates of each shrinker in turn. */
    @SafeVarargs
    static <T> Shrinker<T> sequence(Shrinker<T>... shrinkers) {
        List<Shrinker<T>> list = List.of(shrinkers);
        return v -> list.stream().flatMap(s -> s.candidates(v)).filter(Objects::nonNull);
    }
}
