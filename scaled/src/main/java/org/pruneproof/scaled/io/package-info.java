/**
 * NumPy .npy files: reading and writing arrays (float32/float64 and integer types, C order) for the jobs'
 * inputs and outputs.
 */
package org.pruneproof.scaled.io;
