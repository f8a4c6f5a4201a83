package org.pruneproof.reference.pruning;

/**
 * Pruning criteria at initialisation (notes hayou2021.md §3, §5).
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
    SENSITIVITY_RESCALED
}
