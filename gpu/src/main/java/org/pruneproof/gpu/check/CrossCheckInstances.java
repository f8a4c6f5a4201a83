package org.pruneproof.gpu.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pruneproof.gpu.greedy.GreedyVariant;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.engine.Seeds;
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * The instances of the claim {@value #CLAIM} exactly as the claim runner draws them: instance k of a
 * run with seed S is {@code GreedyInstances.withArbitraryTarget()} generated from
 * {@code Seeds.forInstance(Seeds.forClaim(S, CLAIM), k)} at size {@code Seeds.sizeFor(k, Gen.MAX_SIZE)},
 * and the variants that claim checks on each of them.
 */
public final class CrossCheckInstances {

    /** The claim whose instances these are. */
    public static final String CLAIM = "crosscheck.greedy-selection";
    /** The project's default run seed (the root pom's {@code pruneproof.seed}). */
    public static final long DEFAULT_SEED = 20201;
    /** Base seed of the variants' random candidates, plus N (the claim's {@code VARIANT_SEED}). */
    public static final long VARIANT_SEED = 6_000_000L;

    private CrossCheckInstances() {
    }

    /** The first {@code count} instances of the claim in a run with this seed. */
    public static List<FeatureInstance> first(int count, long runSeed) {
        long claimSeed = Seeds.forClaim(runSeed, CLAIM);
        Gen<FeatureInstance> gen = GreedyInstances.withArbitraryTarget();
        List<FeatureInstance> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(gen.generate(new SplittableRandom(Seeds.forInstance(claimSeed, k)), Seeds.sizeFor(k, Gen.MAX_SIZE)));
        }
        return out;
    }

    /**
     * The variants the claim checks in float64 on an instance with N neurons: with replacement, without
     * replacement, and both with ⌈N/3⌉ random candidates drawn from seed {@value #VARIANT_SEED} + N.
     */
    public static List<GreedyVariant> variants(int neurons) {
        int c = (neurons + 2) / 3;
        long seed = VARIANT_SEED + neurons;
        return List.of(GreedyVariant.WITH_REPLACEMENT, GreedyVariant.WITHOUT_REPLACEMENT,
                new GreedyVariant(true, c, seed), new GreedyVariant(false, c, seed));
    }

    /** Steps of a variant on an instance: the instance's, at most N without replacement. */
    public static int steps(FeatureInstance instance, GreedyVariant variant) {
        return variant.withReplacement() ? instance.steps() : Math.min(instance.steps(), instance.neurons());
    }
}
