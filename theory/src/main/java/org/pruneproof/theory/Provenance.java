package org.pruneproof.theory;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a statement comes from and how sure we are of its wording. The papers' full texts could not be
 * read by the project (only their abstracts, the authors' code and one figure of the authors), so every
 * statement carries one of six {@link Kind kinds}, and the report shows it.
 *
 * @param paper             the source
 * @param where             theorem, section or note the statement is taken from, e.g. "Thm T1(b); docs/theory/ye2020.md"
 * @param kind              how the statement is known (see {@link Kind})
 * @param source            for {@link Kind#AUTHORS}: the repository and file ("owner/name, path"); for
 *                          {@link Kind#CALIBRATED}: how the threshold was chosen; null for the other kinds
 * @param constantsVerified false when constants are recalled from memory of the paper and not checked
 *                          against its text ({@link Kind#RECALLED}); the report marks such statements "unverified"
 */
public record Provenance(Paper paper, String where, Kind kind, String source, boolean constantsVerified) {

    /** How a statement is known. */
    public enum Kind {
        /** Read in the paper's abstract (the wording is ours, the fact is the abstract's). */
        ABSTRACT("read in the paper's abstract"),
        /** Read in the authors' code or in a figure file of theirs (repository and file in {@link #source()}). */
        AUTHORS("read in the authors' code or figure"),
        /** Recalled from the paper's full text, not verified against it: theorem numbers and constants may be wrong. */
        RECALLED("recalled from the paper (unverified)"),
        /** Proved by the project (docs/theory/<paper>.md, linked by the spec's proof); a hard inequality. */
        DERIVED("derived here"),
        /** A threshold or window chosen by the project; how it was chosen is in {@link #source()}. */
        CALIBRATED("calibrated here"),
        /** An open question or a plausible statement, kept to be tested. */
        CONJECTURE("a conjecture");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        /**
         * The lower-case name used in results files: {@code abstract}, {@code authors}, {@code recalled},
         * {@code derived}, {@code calibrated}, {@code conjecture}.
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The label in words, e.g. "recalled from the paper (unverified)". */
        public String phrase() {
            return phrase;
        }
    }

    public Provenance {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(kind, "kind");
        if (source != null && source.isBlank()) {
            source = null;
        }
        if (kind == Kind.AUTHORS && (source == null || !source.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+, \\S.*"))) {
            throw new IllegalArgumentException("a statement read in the authors' code or figure names them as "
                    + "'owner/repository, path/to/file', got " + (source == null ? "none" : "'" + source + "'"));
        }
        if (kind == Kind.CALIBRATED && source == null) {
            throw new IllegalArgumentException("a calibrated statement says how its threshold was chosen");
        }
        if (kind == Kind.RECALLED && constantsVerified) {
            throw new IllegalArgumentException("a recalled statement cannot have verified constants");
        }
    }

    /** The former form without a source: derived, recalled and conjecture statements. */
    public Provenance(Paper paper, String where, Kind kind, boolean constantsVerified) {
        this(paper, where, kind, null, constantsVerified);
    }

    /** A statement read in the paper's abstract. */
    public static Provenance readInAbstract(Paper paper, String where) {
        return new Provenance(paper, where, Kind.ABSTRACT, null, true);
    }

    /**
     * A statement read in the authors' code or figure.
     *
     * @param repository {@code owner/name} of the authors' repository
     * @param file       the file inside it
     */
    public static Provenance authors(Paper paper, String where, String repository, String file) {
        return new Provenance(paper, where, Kind.AUTHORS, repository + ", " + file, true);
    }

    /** A statement recalled from the paper, constants not verified against its text. */
    public static Provenance recalled(Paper paper, String where) {
        return new Provenance(paper, where, Kind.RECALLED, null, false);
    }

    /**
     * The paper's claim with constants recalled, not verified against its text.
     *
     * @deprecated the kinds are finer now: use {@link #recalled}, {@link #readInAbstract}, {@link #authors} or
     *             {@link #calibrated}, whichever is true
     */
    @Deprecated
    public static Provenance paperRecalled(Paper paper, String where) {
        return recalled(paper, where);
    }

    /** A statement proved by the project (constants are ours, hence verified). */
    public static Provenance derived(Paper paper, String where) {
        return new Provenance(paper, where, Kind.DERIVED, null, true);
    }

    /**
     * A threshold or window chosen by the project.
     *
     * @param how how it was chosen (which measurement, which margin)
     */
    public static Provenance calibrated(Paper paper, String where, String how) {
        return new Provenance(paper, where, Kind.CALIBRATED, how, true);
    }

    /** A conjecture. */
    public static Provenance conjecture(Paper paper, String where) {
        return new Provenance(paper, where, Kind.CONJECTURE, null, true);
    }

    /** Where, with the source when there is one: "where — owner/repo, file" or "where — calibration: how". */
    public String citation() {
        if (source == null) {
            return where;
        }
        return where + (kind == Kind.CALIBRATED ? " — calibration: " : " — ") + source;
    }
}
