package org.pruneproof.theory.meanfield;

/**
 * Mean-field closed forms of ReLU ResNets with fully connected blocks, y^l = y^{l−1} + a·W^l·relu(y^{l−1}),
 * σ_b = 0, W^l_ij ~ N(0, σ_w²/N), branch scale a = 1 (standard) or 1/√L (Stable ResNet, L blocks)
 * (docs/theory/hayou2021.md, derived).
 *
 * <ul>
 *   <li>forward: q^l = (1 + a²σ_w²/2)·q^{l−1}, so q^L/q^0 = (1 + a²σ_w²/2)^L;</li>
 *   <li>Stable ResNet: q^L/q^0 = (1 + σ_w²/(2L))^L, increasing in L towards e^{σ_w²/2} and below it;</li>
 *   <li>score moment with a unit-variance gradient at y^L: m_l = (σ_w²/(2N))·a²·q^0·(1 + a²σ_w²/2)^{L−1},
 *       the same for every block l.</li>
 * </ul>
 */
public final class ResNetMeanField {

    private ResNetMeanField() {
    }

    /** Growth of the variance through one block: 1 + a²σ_w²/2. */
    public static double blockGrowth(double sigmaW, double branchScale) {
        return 1 + branchScale * branchScale * sigmaW * sigmaW / 2;
    }

    /** q^L/q^0 = (1 + a²σ_w²/2)^L after {@code blocks} blocks with branch scale a. */
    public static double varianceGrowth(double sigmaW, double branchScale, int blocks) {
        requirePositive(blocks);
        return StrictMath.pow(blockGrowth(sigmaW, branchScale), blocks);
    }

    /** q^L/q^0 of the Stable ResNet: (1 + σ_w²/(2L))^L. */
    public static double stableVarianceGrowth(double sigmaW, int blocks) {
        requirePositive(blocks);
        return StrictMath.exp(blocks * StrictMath.log1p(sigmaW * sigmaW / (2.0 * blocks)));
    }

    /** The supremum over L of the Stable ResNet's growth: e^{σ_w²/2}. */
    public static double stableVarianceGrowthLimit(double sigmaW) {
        return StrictMath.exp(sigmaW * sigmaW / 2);
    }

    /**
     * The score second moment m_l = E[(W^l_ij·∂L/∂W^l_ij)²] of every block, for width N, input variance q^0
     * and a unit-variance gradient at y^L: (σ_w²/(2N))·a²·q^0·(1 + a²σ_w²/2)^{L−1}.
     */
    public static double blockScoreMoment(double sigmaW, double branchScale, int width, int blocks, double q0) {
        requirePositive(blocks);
        if (width < 1) {
            throw new IllegalArgumentException("width must be ≥ 1, got " + width);
        }
        return sigmaW * sigmaW / (2.0 * width) * branchScale * branchScale * q0
                * StrictMath.pow(blockGrowth(sigmaW, branchScale), blocks - 1);
    }

    private static void requirePositive(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("number of blocks must be ≥ 1, got " + blocks);
        }
    }
}
