package org.pruneproof.theory;

import java.util.Objects;

/**
 * Where a statement comes from and how sure we are of its wording.
 *
 * @param paper             the source
 * @param where             theorem, section or note the statement is taken from,
 *                          e.g. "Thm T1(b); docs/theory/ye2020.md"
 * @param kind              whether it is proved by the project (docs/theory), the paper's claim, or a conjecture
 * @param constantsVerified false when constants are recalled from memory of the paper and not checked
 *                          against its text; the report marks such statements "unverified"
 */
public record Provenance(Paper paper, String where, Kind kind, boolean constantsVerified) {

    /** How a statement is known. */
    public enum Kind {
        /** Proved by the project (docs/theory/<paper>.md); a hard inequality that must hold on every instance. */
        DERIVED,
        /** The paper's claim, checked statistically or with recalled constants. */
        PAPER,
        /** An open question or a plausible statement, kept to be tested. */
        CONJECTURE;

        /** The lower-case name used in results files: {@code derived}, {@code paper}, {@code conjecture}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Provenance {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(kind, "kind");
    }

    /** A statement proved by the project (constants are ours, hence verified). */
    public static Provenance derived(Paper paper, String where) {
        return new Provenance(paper, where, Kind.DERIVED, true);
    }

    /** The paper's claim with constants recalled, not verified against its text. */
    public static Provenance paperRecalled(Paper paper, String where) {
        return new Provenance(paper, where, Kind.PAPER, false);
    }

    /** A conjecture. */
    public static Provenance conjecture(Paper paper, String where) {
        return new Provenance(paper, where, Kind.CONJECTURE, true);
    }
}
