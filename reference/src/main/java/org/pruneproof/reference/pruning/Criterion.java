package org.pruneproof.reference.pruning;

import org.pruneproof.theory.pruning.PruningMethod;

/**
 * Pruning criteria at initialisation (docs/theory/hayou2021.md).
 */
public enum Criterion {
    /** Random scores, i.i.d. uniform: a uniformly random mask. */
    RANDOM,
    /** Magnitude-based pruning (MBP): g = |W|. */
    MAGNITUDE,
    /** Sensitivity-based pruning (SBP = SNIP): g = |W ⊙ ∂L/∂W| on one batch. */
    SENSITIVITY,
    /**
     * SBP-SR: SBP followed by the rescaling trick for fully connected networks ({@link Rescaling}); for a ResNet, SBP
     * on the Stable ResNet (branches scaled by 1/√L) and no rescaling.
     */
    SENSITIVITY_RESCALED;

    /** The reference engine's criterion of a pruning method of the registry (no default: every method has one). */
    public static Criterion of(PruningMethod method) {
        return switch (method) {
            case RANDOM -> RANDOM;
            case MAGNITUDE -> MAGNITUDE;
            case SNIP -> SENSITIVITY;
            case SBP_SR -> SENSITIVITY_RESCALED;
        };
    }
}
