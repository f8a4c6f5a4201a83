/**
 * Pruning at initialisation in the reference engine: scores (random, magnitude, sensitivity), the global
 * threshold, the exact critical sparsity, and the rescaling trick for rows and kernel offsets.
 */
package org.pruneproof.reference.pruning;
