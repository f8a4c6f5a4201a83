package org.pruneproof.scaled.pruning;

/**
 * The result of a global-threshold selection over layers of scores.
 *
 * @param keep               per layer, per position: whether the weight is kept
 * @param keptPerLayer       number of kept weights per layer
 * @param total              M, the number of scored weights
 * @param kept               round((1 − s)·M)
 * @param criticalSparsity   s_cr = min_l r_l/M (independent of s)
 * @param collapsedLayer     0-based index of the layer that empties first, argmin_l r_l
 * @param collapseRanks      r_l per layer: 1-based rank of layer l's last-removed weight in the removal order
 */
public record GlobalSelection(boolean[][] keep, long[] keptPerLayer, long total, long kept, double criticalSparsity,
                              int collapsedLayer, long[] collapseRanks) {

    /** Fraction of layer l's weights that are kept. */
    public double keptFraction(int layer) {
        return keep[layer].length == 0 ? 0 : (double) keptPerLayer[layer] / keep[layer].length;
    }
}
