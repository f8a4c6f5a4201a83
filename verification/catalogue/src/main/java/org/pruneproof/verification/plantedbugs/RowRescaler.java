package org.pruneproof.verification.plantedbugs;

import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Rescaling;

/** The rescaling a claim checks: the reference by default; tests substitute a planted bug. */
@FunctionalInterface
public interface RowRescaler {

    /** {@link Rescaling#restoreRowNorms}. */
    public RowRescaler REFERENCE = Rescaling::restoreRowNorms;

    /** ρ ⊙ δ ⊙ W and the dead rows. */
    public Rescaling.Result rescale(Network net, Mask mask);
}
