package org.pruneproof.scaled.pruning;

import org.pruneproof.theory.pruning.PruningMethod;

/**
 * Pruning at initialisation of a fully connected network ({@link DensePruning}).
 *
 * @param method    the criterion
 * @param sparsity  requested s
 * @param scores    per layer, the score of every weight, row-major (out×in)
 * @param selection the global selection: mask, kept counts, s_cr and the collapsing layer (0-based)
 * @param weights   per layer, row-major: δ ⊙ W, or for SBP-SR the rescaled ρ ⊙ δ ⊙ W
 * @param deadRows  per layer, the rows (0-based) that SBP-SR found without a kept weight (empty for other methods)
 * @param loss      the mean cross-entropy of the batch at the unpruned weights (SNIP, SBP-SR; NaN otherwise)
 */
public record DensePruningResult(PruningMethod method, double sparsity, double[][] scores, GlobalSelection selection,
                                 double[][] weights, int[][] deadRows, double loss) {
}
