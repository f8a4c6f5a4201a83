package org.pruneproof.verification.plantedbugs;

import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;

/**
 * The Stable variant of a ResNet (every residual branch × 1/√L) that SBP-SR scores; tests substitute a planted bug (the
 * 1/√L scaling skipped: the standard ResNet returned under the Stable name).
 */
@FunctionalInterface
public interface StableVariant {

    /** The registry's Stable variant. */
    StableVariant REGISTRY = (model, width, classes) -> Architectures.byName(Architectures.stableName(model), width, classes);

    /** The Stable variant of {@code model} at {@code width} with {@code classes} outputs. */
    Architecture of(String model, double width, int classes);
}
