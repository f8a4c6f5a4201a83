/**
 * Pruning methods as the papers define them: one registry constant per method ({@link
 * org.pruneproof.theory.pruning.PruningMethod}) with whether it needs gradients and which rescaling rule it applies.
 */
package org.pruneproof.theory.pruning;
