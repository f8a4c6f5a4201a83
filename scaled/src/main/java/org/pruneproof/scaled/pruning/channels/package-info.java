/**
 * Ye et al.'s greedy channel selection on full-size networks: layer by layer, candidates scored by the
 * network's loss or accuracy, kept channels rescaled, the network physically shrunk.
 */
package org.pruneproof.scaled.pruning.channels;
