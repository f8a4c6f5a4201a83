/**
 * The ND4J side of a network description (org.pruneproof.nets): the SameDiff graph built from the layers,
 * and the weight tensors.
 */
package org.pruneproof.scaled.nets;
