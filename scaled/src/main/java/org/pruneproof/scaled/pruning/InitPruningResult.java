package org.pruneproof.scaled.pruning;

import java.util.List;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * The outcome of pruning at initialisation.
 *
 * @param method            the criterion
 * @param sparsity          requested s
 * @param layers            one line per convolution/linear layer, forward order
 * @param totalWeights      M
 * @param keptWeights       round((1 − s)·M)
 * @param criticalSparsity  s_cr of the scores (docs/theory/hayou2021.md, exact)
 * @param collapsedLayer    name of the layer that empties first as s grows
 * @param collapsedIndex    its 1-based index among the prunable layers
 */
public record InitPruningResult(PruningMethod method, double sparsity, List<LayerPruning> layers, long totalWeights,
                                long keptWeights, double criticalSparsity, String collapsedLayer, int collapsedIndex) {

    public InitPruningResult {
        layers = List.copyOf(layers);
    }
}
