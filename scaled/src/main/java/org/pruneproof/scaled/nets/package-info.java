/**
 * The ND4J side of a network description (org.pruneproof.nets): the weight tensors ({@code NetworkWeights}), the
 * hand-built forward and backward pass of libnd4j custom ops that scoring and training use ({@code NetworkPass}, its
 * ops in {@code Kernels}, its reused arrays in {@code ArrayPool}), and the SameDiff graph built from the layers
 * ({@code NetworkGraph}: masked channel-selection passes, evaluation, and the comparison path).
 */
package org.pruneproof.scaled.nets;
