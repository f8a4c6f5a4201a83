/**
 * The statements of the papers as code: sources and provenance, tolerances, and the bounds
 * (pure functions of scalars) that the claims compare measurements with. Depends on nothing of ours.
 */
package org.pruneproof.theory;
