package org.pruneproof.gpu.greedy;

/**
 * A variant of greedy forward selection, as in the reference engine's {@code GreedyForwardSelection}.
 *
 * @param withReplacement whether a neuron may be chosen again (Ye et al.'s theory) or at most once
 *                        (their released code)
 * @param candidates      C ≥ 1 random candidates per step, or 0 to score every eligible neuron
 * @param seed            seed of the candidates' {@link java.util.SplittableRandom} (unused when C = 0)
 */
public record GreedyVariant(boolean withReplacement, int candidates, long seed) {

    /** With replacement, every neuron scored. */
    public static final GreedyVariant WITH_REPLACEMENT = new GreedyVariant(true, 0, 0);
    /** Without replacement, every eligible neuron scored. */
    public static final GreedyVariant WITHOUT_REPLACEMENT = new GreedyVariant(false, 0, 0);

    public GreedyVariant {
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates per step must be ≥ 0 (0 = all), got " + candidates);
        }
    }

    @Override
    public String toString() {
        return (withReplacement ? "with replacement" : "without replacement")
                + (candidates == 0 ? "" : ", " + candidates + " random candidates (seed " + seed + ")");
    }
}
