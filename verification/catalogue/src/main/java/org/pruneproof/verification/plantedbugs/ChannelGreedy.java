package org.pruneproof.verification.plantedbugs;

import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;

/**
 * The scaled engine's greedy channel pruning of a whole network that the convolutional Ye et al. reproductions run;
 * tests substitute a planted bug (a greedy that scores one random candidate per step).
 */
@FunctionalInterface
public interface ChannelGreedy {

    /** {@link GreedyChannelPruning#prune(NetworkWeights, BatchSource, GreedyChannelPruning.Options)}. */
    ChannelGreedy SCALED = GreedyChannelPruning::prune;

    /** Prunes every channel group of {@code weights} (not modified) on batches of {@code data}. */
    GreedyChannelPruning.Result prune(NetworkWeights weights, BatchSource data, GreedyChannelPruning.Options options);
}
