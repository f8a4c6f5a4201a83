package org.pruneproof.verification.gen;

import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.FeatureInstance;

/**
 * A greedy instance and the seed of a permutation of its neurons (the permutation itself is drawn
 * from the seed for the current N, so that shrinking the neurons keeps it valid).
 *
 * @param base            Φ, y and the number of steps
 * @param permutationSeed seed of the uniformly random permutation
 */
public record PermutedInstance(FeatureInstance base, long permutationSeed) {

    /** The permutation π of 0 … N−1: row k of the permuted Φ is row π(k) of Φ. */
    public int[] permutation() {
        return Ye2020Instances.permutation(permutationSeed, base.neurons());
    }

    /** Shrinks the base instance, keeping the seed. */
    public static Shrinker<PermutedInstance> shrinker() {
        return v -> FeatureInstance.shrinker().candidates(v.base).map(b -> new PermutedInstance(b, v.permutationSeed));
    }
}
