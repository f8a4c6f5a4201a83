/**
 * Generators of the catalogue, in one place: every instance type a claim draws (a feature matrix and
 * target, a network and batch, a convolution layer, a training run, a pre-training run) and the generator
 * that draws it from the engine's random stream and size parameter.
 */
package org.pruneproof.verification.gen;
