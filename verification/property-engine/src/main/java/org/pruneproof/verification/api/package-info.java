/**
 * The small public API of the property engine: a {@link org.pruneproof.verification.api.Claim} states
 * something checkable, {@link org.pruneproof.verification.api.Gen} generates its instances from a seed,
 * {@link org.pruneproof.verification.api.Outcome} reports a check with its tightness ratio, and a
 * {@link org.pruneproof.verification.api.Shrinker} simplifies counterexamples. The engine behind it
 * lives in {@code org.pruneproof.verification.engine} and is not meant to be called by claims.
 */
package org.pruneproof.verification.api;
