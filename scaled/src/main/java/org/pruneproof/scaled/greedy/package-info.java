/**
 * Greedy forward selection on the ND4J engine: one matrix–vector product per step over the feature matrix,
 * with or without replacement, optionally among sampled candidates.
 */
package org.pruneproof.scaled.greedy;
