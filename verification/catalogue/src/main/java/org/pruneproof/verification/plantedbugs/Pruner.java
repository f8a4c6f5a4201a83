package org.pruneproof.verification.plantedbugs;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.pruning.Criterion;
import org.pruneproof.reference.pruning.PruningAtInitialisation;

/** Pruning at initialisation as a claim checks it: the reference by default; tests plant bugs. */
@FunctionalInterface
public interface Pruner {

    /** {@link PruningAtInitialisation#prune}, returning δ ⊙ W (or the SBP-SR network). */
    Pruner REFERENCE = (net, criterion, s, x, labels, random) ->
            PruningAtInitialisation.prune(net, criterion, s, x, labels, random).network();

    /** The pruned network. */
    public Network prune(Network net, Criterion criterion, double sparsity, DMatrixRMaj inputs, int[] labels, SplittableRandom random);
}
