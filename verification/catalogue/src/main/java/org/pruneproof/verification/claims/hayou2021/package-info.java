/**
 * The claims on Hayou et al. 2021, Robust Pruning at Initialization (Edge of Chaos, critical sparsity,
 * rescaling trick, Stable ResNet), one class per claim.
 */
package org.pruneproof.verification.claims.hayou2021;
