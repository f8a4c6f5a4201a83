/**
 * Data for the reference engine: MNIST-format (IDX) readers and the inputs of the claims' experiments, in
 * double precision.
 */
package org.pruneproof.reference.data;
