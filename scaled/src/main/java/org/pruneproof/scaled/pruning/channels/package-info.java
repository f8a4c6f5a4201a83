/**
 * Ye et al.'s greedy channel selection on full-size networks: layer by layer, candidates scored by the
 * network's loss or accuracy, kept channels rescaled, the network physically shrunk;
 * and the baselines it is compared with at equal cost ({@link org.pruneproof.scaled.pruning.channels.ChannelBaselines}:
 * magnitude, random, uniform width).
 */
package org.pruneproof.scaled.pruning.channels;
