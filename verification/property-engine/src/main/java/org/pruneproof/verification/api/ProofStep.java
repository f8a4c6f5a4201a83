package org.pruneproof.verification.api;

import java.util.Objects;

/**
 * One numbered step of a derived claim's proof (its proof document, {@link ClaimSpec#proof()}), as the spec names it.
 * A {@link Kind#LEMMA} step is an inequality or identity between computable quantities: the catalogue checks it on the
 * theorem's own instances as the claim {@code <claim id>.step-<number>}, through {@link Claim#checkStep}. A
 * {@link Kind#NOT_COMPUTABLE} step (a limit, an expectation, a probability) is argued in the proof only, and the report
 * says so next to the lemmas.
 *
 * @param number    the step's number in the proof document (1, 2, …)
 * @param statement the step in TeX
 * @param kind      checked as a lemma, or not computable
 * @param note      for a step that is not computable: why (e.g. "a limit l → ∞"); null for a lemma
 * @param bound     for a lemma: whether it is an inequality value ≤ bound, whose ratio value/bound is a tightness, so
 *                  that its lemma claim has a targeted search for its tightest instance ({@link Targeting}); false for an
 *                  identity (its ratio is an error over a tolerance: no tightness to search)
 */
public record ProofStep(int number, String statement, Kind kind, String note, boolean bound) {

    /** Whether a step is checked on instances or only argued. */
    public enum Kind {
        /** Checked as the lemma claim {@code <claim>.step-K}. */
        LEMMA,
        /** A limit, an expectation or a probability: argued in the proof, not checked. */
        NOT_COMPUTABLE;

        /** The lower-case name used in results files. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public ProofStep {
        if (number < 1) {
            throw new IllegalArgumentException("proof step numbers start at 1, got " + number);
        }
        Objects.requireNonNull(statement, "statement of step " + number);
        Objects.requireNonNull(kind, "kind of step " + number);
        if (kind == Kind.NOT_COMPUTABLE && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("step " + number + " is not computable: say why (a limit, an expectation, …)");
        }
        if (bound && kind != Kind.LEMMA) {
            throw new IllegalArgumentException("step " + number + " is not computable: it cannot be a checked bound");
        }
    }

    /** A step that is not a bound lemma (an identity lemma, or a step that is not computable). */
    public ProofStep(int number, String statement, Kind kind, String note) {
        this(number, statement, kind, note, false);
    }

    /** The id of the lemma claim of this step: {@code <claim id>.step-<number>}. */
    public String lemmaId(String claimId) {
        return claimId + ".step-" + number;
    }
}
