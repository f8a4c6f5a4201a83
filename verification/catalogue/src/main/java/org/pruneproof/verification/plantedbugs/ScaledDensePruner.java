package org.pruneproof.verification.plantedbugs;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.scaled.pruning.DensePruning;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.InitMethod;

/** Fully connected pruning at initialisation as {@code crosscheck.pruning-scores} sees it: the ND4J engine by default; tests plant bugs. */
@FunctionalInterface
public interface ScaledDensePruner {

    /** {@link DensePruning#prune}. */
    public ScaledDensePruner SCALED = DensePruning::prune;

    /** Scores, global selection and pruned (for SBP-SR rescaled) weights; see {@link DensePruning#prune}. */
    public DensePruningResult prune(DenseNetwork net, InitMethod method, double sparsity, INDArray inputs, int[] labels, long seed,
                             double[] targetNorms2);
}
