/**
 * Cross-checks: claims that run the ND4J engine and the reference engine on the same generated instance
 * and bound their difference (greedy selection, gradient-descent trajectories, pruning scores, kernel
 * rescaling, greedy channel pruning).
 */
package org.pruneproof.verification.claims.crosscheck;
