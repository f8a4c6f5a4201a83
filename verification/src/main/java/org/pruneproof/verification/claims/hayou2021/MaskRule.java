package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.reference.pruning.GlobalThreshold;

/** The global-threshold rule a claim checks (scores → mask): the reference by default; tests plant bugs. */
@FunctionalInterface
public interface MaskRule {

    /** {@link GlobalThreshold#keepLargest}. */
    MaskRule REFERENCE = GlobalThreshold::keepLargest;

    /** The mask keeping the largest scores at sparsity s. */
    org.pruneproof.reference.pruning.Mask mask(double[][] scores, double sparsity);
}
