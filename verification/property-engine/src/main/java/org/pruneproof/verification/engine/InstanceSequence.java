package org.pruneproof.verification.engine;

import java.util.SplittableRandom;
import org.pruneproof.verification.api.Gen;

/**
 * The random phase's sequence of instances of one claim: instance k is generated from its own seed
 * {@link Seeds#forInstance(long, int)} at size {@link Seeds#sizeFor(int, int)} (sizes cycle 1 … {@code maxSize}: the
 * budget's, {@link Gen#MAX_SIZE} unless the claim limits it).
 * The random phase takes k = 0, 1, …; the targeted phase's fresh instances continue the same sequence where the random
 * phase stopped, so that it meets the instances random generation would have met next.
 *
 * @param gen       the claim's generator
 * @param claimSeed the claim's seed in this run
 * @param maxSize   the largest size asked for
 * @param <I>       the instance type
 */
record InstanceSequence<I>(Gen<I> gen, long claimSeed, int maxSize) {

    /** The sequence with sizes up to {@link Gen#MAX_SIZE}. */
    InstanceSequence(Gen<I> gen, long claimSeed) {
        this(gen, claimSeed, Gen.MAX_SIZE);
    }

    /** The seed of instance k. */
    long seed(int k) {
        return Seeds.forInstance(claimSeed, k);
    }

    /** The size parameter of instance k. */
    int size(int k) {
        return Seeds.sizeFor(k, maxSize);
    }

    /** Instance k (the generator may throw). */
    I at(int k) {
        return gen.generate(new SplittableRandom(seed(k)), size(k));
    }

    /**
     * The size of the k-th instance from both ends: the largest size, the smallest, the second largest, the second
     * smallest, … (cycling): {@code maxSize − ⌊k/2⌋} for even k, {@code 1 + ⌊k/2⌋} for odd k, modulo the range.
     */
    int sizeFromBothEnds(int k) {
        int h = Math.floorMod(k / 2, maxSize);
        return k % 2 == 0 ? maxSize - h : 1 + h;
    }

    /**
     * Instance k from its own seed ({@link #seed}) at {@link #sizeFromBothEnds} (the generator may throw): the targeted
     * search's fresh instances, which meet the largest instances first, where a claim has the most clauses and the
     * most to vary, and the small special ones next.
     */
    I fromBothEnds(int k) {
        return gen.generate(new SplittableRandom(seed(k)), sizeFromBothEnds(k));
    }
}
