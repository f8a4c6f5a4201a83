/**
 * The claims on Ye et al. 2020, Good Subnetworks Provably Exist: Pruning via Greedy Forward Selection
 * (rates, invariances, baselines), one class per claim.
 */
package org.pruneproof.verification.claims.ye2020;
