/**
 * The claims on Wolfe et al., How much pre-training is enough to discover a good subnetwork? (greedy
 * pruning after gradient-descent pre-training), one class per claim.
 */
package org.pruneproof.verification.claims.wolfe2021;
