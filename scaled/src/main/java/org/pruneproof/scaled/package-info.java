/**
 * The ND4J engine: the same algorithms as the reference engine, batched in float32 or float64 for full-
 * size problems, trusted through the catalogue's cross-checks. This package holds the ND4J settings every
 * computation relies on.
 */
package org.pruneproof.scaled;
