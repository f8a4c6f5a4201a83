/**
 * The full-size jobs run on the ND4J engine: pruning a convolutional network ({@code prune}: at
 * initialisation by SNIP/SynFlow/SBP-SR/magnitude or by greedy channel selection, with fine-tuning),
 * pruning a dense network read from {@code .npy} files ({@code prune-at-init}) and greedy forward
 * selection on {@code .npy} features ({@code greedy}); their inputs, summaries, tables and atomic
 * output folders. The command line only parses options into a job's configuration and calls it.
 */
package org.pruneproof.scaled.jobs;
