/**
 * Gradient descent on two-layer networks on the ND4J engine, tied to the reference engine by a trajectory
 * cross-check.
 */
package org.pruneproof.scaled.twolayer;
