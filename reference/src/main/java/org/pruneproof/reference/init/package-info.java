/**
 * Fully connected networks at initialisation as Hayou et al. 2021 study them (fully connected, ResNet,
 * Stable ResNet): shapes, seeded weights, forward and backward passes.
 */
package org.pruneproof.reference.init;
