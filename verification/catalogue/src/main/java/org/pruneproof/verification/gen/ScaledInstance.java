package org.pruneproof.verification.gen;

import java.util.stream.Stream;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.FeatureInstance;

/**
 * A greedy instance and a factor c ≠ 0 by which features and target are both multiplied.
 *
 * @param base  Φ, y and the number of steps
 * @param scale c
 */
public record ScaledInstance(FeatureInstance base, double scale) {

    public ScaledInstance {
        if (!(scale != 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("scale must be finite and non-zero, got " + scale);
        }
    }

    /** Shrinks the base instance, then c towards simpler numbers (never 0). */
    public static Shrinker<ScaledInstance> shrinker() {
        return v -> Stream.concat(
                FeatureInstance.shrinker().candidates(v.base).map(b -> new ScaledInstance(b, v.scale)),
                Shrink.simplerDoubles(v.scale).stream().filter(c -> c != 0).map(c -> new ScaledInstance(v.base, c)));
    }
}
