/**
 * Activation functions φ and their derivatives, as the mean-field formulas and both engines use them.
 */
package org.pruneproof.theory.activation;
