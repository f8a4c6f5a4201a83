package org.pruneproof.verification.plantedbugs;

import org.pruneproof.reference.pruning.GlobalThreshold;

/** The global-threshold rule a claim checks (scores → mask): the reference by default; tests plant bugs. */
@FunctionalInterface
public interface MaskRule {

    /** {@link GlobalThreshold#keepLargest}. */
    public MaskRule REFERENCE = GlobalThreshold::keepLargest;

    /** The mask keeping the largest scores at sparsity s. */
    public org.pruneproof.reference.pruning.Mask mask(double[][] scores, double sparsity);
}
