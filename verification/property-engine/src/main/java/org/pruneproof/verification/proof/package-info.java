/**
 * Proofs of claims: the proof documents under {@code docs/theory/} (packaged on the class path, so a run and its
 * offline report carry them), the rule that turns a claim's {@code .proof("docs/theory/<file>.md#<anchor>")} into the
 * proof's text, and the lemma claims {@code <claim>.step-K} that check a proof's computable steps on the theorem's
 * own instances.
 */
package org.pruneproof.verification.proof;
