package org.pruneproof.gpu.check;

/**
 * How a device run of greedy selection compares with the reference engine on one instance and variant.
 *
 * @param firstDifference     first step (1-based) where the selections differ, or 0 when they are the same
 * @param nearTies            whether every differing step was a stated near-tie (always true when none differs;
 *                            float64 allows no difference at all)
 * @param worstGapOverResolution largest (exact loss of the device's choice − exact best) / resolution over
 *                            the steps from the first difference on, 0 when none differs
 * @param maxRelativeLossError largest |L^device − L^ref| / L^ref over the steps before the first difference
 *                            (0/0 counts as 0)
 */
public record GreedyAgreement(int firstDifference, boolean nearTies, double worstGapOverResolution,
                              double maxRelativeLossError) {

    /** Same selections at every step. */
    public boolean identical() {
        return firstDifference == 0;
    }

    /** Identical, or (float32) different only at stated near-ties. */
    public boolean passes() {
        return identical() || nearTies;
    }
}
