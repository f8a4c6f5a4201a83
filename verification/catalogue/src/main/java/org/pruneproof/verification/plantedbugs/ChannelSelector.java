package org.pruneproof.verification.plantedbugs;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.scaled.pruning.channels.LocalGreedy;

/**
 * The scaled engine's one-layer channel selection that {@link ChannelGreedyReduces} checks; tests
 * substitute a planted bug.
 */
@FunctionalInterface
public interface ChannelSelector {

    /** The fast mode of greedy channel pruning, with replacement and no early stop. */
    ChannelSelector FAST_MODE = (h, kernel, stride, padding, positions, steps) ->
            GreedyChannelPruning.fastSelection(h, kernel, stride, padding, positions, steps, true, 0);

    /** Selects {@code steps} channels of consumer input h [B, N, H, W] for kernel [O, N, k, k] on the given output positions. */
    public LocalGreedy.Path select(INDArray h, INDArray kernel, int stride, int padding, int[][] positions, int steps);
}
