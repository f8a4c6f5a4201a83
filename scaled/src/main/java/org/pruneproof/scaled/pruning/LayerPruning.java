package org.pruneproof.scaled.pruning;

/**
 * One layer's line of a pruning report.
 *
 * @param layer        layer name
 * @param kind         conv, depthwise-conv or linear
 * @param units        for pruning at initialisation the layer's weight count; for channel pruning its
 *                     output channel count before pruning
 * @param keptUnits    weights (or channels) kept
 * @param paramsBefore trainable parameters of the layer before (weights and bias)
 * @param paramsAfter  after: pruned weights removed
 * @param macsBefore   multiply–accumulates per image before
 * @param macsAfter    after (for unstructured pruning: the MACs of the kept weights,
 *                     macsBefore·kept/weights, i.e. what a sparse kernel would do)
 */
public record LayerPruning(String layer, String kind, long units, long keptUnits, long paramsBefore, long paramsAfter,
                           long macsBefore, long macsAfter) {

    /** keptUnits/units. */
    public double keptFraction() {
        return units == 0 ? 0 : (double) keptUnits / units;
    }
}
