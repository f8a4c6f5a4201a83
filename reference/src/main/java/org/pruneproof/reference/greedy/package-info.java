/**
 * Ye et al. 2020's greedy forward selection in exact double precision (EJML): with and without
 * replacement, sampled candidates, and the baselines and solvers the claims compare it with (best subsets,
 * backward elimination, simplex least squares, inradius).
 */
package org.pruneproof.reference.greedy;
