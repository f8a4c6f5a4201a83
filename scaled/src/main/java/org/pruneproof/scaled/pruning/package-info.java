/**
 * Pruning at initialisation on the ND4J engine (random, magnitude, SNIP, SBP-SR of the PruningMethod
 * registry) for convolutional and dense networks, with one global threshold and the exact critical
 * sparsity; fine-tuning.
 */
package org.pruneproof.scaled.pruning;
