/**
 * The bounds of Ye et al. 2020 as pure functions (realizable, general and interior rates) and the greedy
 * path a selection returns.
 */
package org.pruneproof.theory.greedy;
