package org.pruneproof.verification.engine;

import java.nio.charset.StandardCharsets;

/** Derivation of per-claim and per-instance seeds from the run's seed (SplitMix64 mixing). */
public final class Seeds {

    private Seeds() {
    }

    /** The SplitMix64 finaliser: a bijective, well-mixing map of 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed of a claim in a run: depends on the run seed and the claim id only. */
    public static long forClaim(long runSeed, String claimId) {
        long h = 1125899906842597L;
        for (byte b : claimId.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return mix(runSeed ^ mix(h));
    }

    /** The seed of the k-th instance of a claim; non-negative so that it reads well on a command line. */
    public static long forInstance(long claimSeed, int k) {
        return mix(claimSeed + 0x9e3779b97f4a7c15L * (k + 1L)) >>> 1;
    }

    /** The size parameter of the k-th instance: cycles through 1 … maxSize so small and large instances mix. */
    public static int sizeFor(int k, int maxSize) {
        return 1 + Math.floorMod(k, maxSize);
    }
}
