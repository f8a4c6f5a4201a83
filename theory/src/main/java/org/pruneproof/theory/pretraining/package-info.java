/**
 * The bounds of Wolfe et al. on pruning after pre-training, as pure functions.
 */
package org.pruneproof.theory.pretraining;
