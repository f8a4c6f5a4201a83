package org.pruneproof.reference.init;

/**
 * How the fully connected layers of a network of Hayou et al. 2021 studied at initialisation (docs/theory/hayou2021.md)
 * are connected: plainly stacked, or as residual blocks with or without the Stable ResNet's 1/√L scaling.
 * (Not to be confused with {@code nets.Architecture}, a full description of a convolutional network.)
 * <ul>
 *   <li>{@link #FULLY_CONNECTED}: y^l = W^l·φ(y^{l−1}) + b^l (y^0 = W^0·x + b^0);</li>
 *   <li>{@link #RESNET}: y^l = y^{l−1} + (W^l·φ(y^{l−1}) + b^l) for each block;</li>
 *   <li>{@link #STABLE_RESNET}: y^l = y^{l−1} + (W^l·φ(y^{l−1}) + b^l)/√L, L the number of blocks (not layers).</li>
 * </ul>
 */
public enum DenseTopology {
    FULLY_CONNECTED,
    RESNET,
    STABLE_RESNET;

    /** Whether the layers between input and readout are residual blocks. */
    public boolean residual() {
        return this != FULLY_CONNECTED;
    }

    /** The factor multiplying each branch: 1/√L for the Stable ResNet with L blocks, 1 otherwise. */
    public double branchScale(int blocks) {
        return this == STABLE_RESNET ? 1 / Math.sqrt(blocks) : 1;
    }
}
