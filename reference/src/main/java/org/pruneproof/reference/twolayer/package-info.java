/**
 * Two-layer networks trained by gradient descent (NTK and mean-field scaling) and pruned along training,
 * for Wolfe et al.'s claims; NTK Gram matrices and sum-of-squares losses.
 */
package org.pruneproof.reference.twolayer;
