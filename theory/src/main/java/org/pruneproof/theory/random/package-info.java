/**
 * Seeded random draws that every engine and every generator share, so that one seed gives the same
 * numbers wherever it is used (the reference engine's initial weights, the property engine's generators).
 */
package org.pruneproof.theory.random;
