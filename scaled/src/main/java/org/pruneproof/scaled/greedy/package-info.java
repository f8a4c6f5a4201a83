/**
 * Greedy forward selection on the ND4J engine: at most one matrix–vector product over the feature matrix per step
 * ({@code RowProducts}), with or without replacement, optionally among sampled candidates; with replacement among all
 * neurons, products reused from the chosen neurons' columns ({@code ReusedProducts}, passes by
 * {@code FloatLaneRowDots} with a rigorous error bound), and the selections kept those of the definition by a direct
 * re-evaluation of every candidate within the screening window.
 */
package org.pruneproof.scaled.greedy;
