/**
 * Closed forms of the mean-field theory of Hayou et al. 2021: ReLU recursions, ResNet and Stable ResNet
 * variance growth, the recalled critical-sparsity bounds of Theorem 1.
 */
package org.pruneproof.theory.meanfield;
