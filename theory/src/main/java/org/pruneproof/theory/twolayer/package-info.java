/**
 * Conventions of two-layer training: NTK and mean-field scaling, step sizes and the loss.
 */
package org.pruneproof.theory.twolayer;
