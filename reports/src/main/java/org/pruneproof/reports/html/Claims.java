package org.pruneproof.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.Series;

/** Facts about claim results that several parts of the report share (outcome class, anchors, plots). */
final class Claims {

    /** Discard fractions above this are shown loudly: the hypotheses filter most generated instances. */
    static final double LOUD_DISCARD_FRACTION = 0.5;

    private Claims() {
    }

    /** How the verdict relates to the expectation: {@code agree}, {@code contradicts} or {@code inconclusive}. */
    static String outcome(ClaimResult c) {
        if (!c.agrees()) {
            return "contradicts";
        }
        return "INCONCLUSIVE".equalsIgnoreCase(c.verdict()) ? "inconclusive" : "agree";
    }

    /** A short phrase: "HOLDS, as expected", "FALSIFIED, expected holds", "INCONCLUSIVE (expected holds)". */
    static String verdictPhrase(ClaimResult c) {
        String verdict = nz(c.verdict());
        String expected = nz(c.expected());
        return switch (outcome(c)) {
            case "contradicts" -> verdict + " — contradicts the expectation \"" + expected + "\"";
            case "inconclusive" -> verdict + " (expected " + expected + ")";
            default -> "open".equalsIgnoreCase(expected) ? verdict + " (open question)" : verdict + ", as expected";
        };
    }

    /** The anchor of the claim's section: position-based, so hostile ids never reach a URL. */
    static String anchor(int index) {
        return "claim-" + index;
    }

    /** Fraction of generated instances that were discarded; 0 when nothing was generated. */
    static double discardFraction(ClaimResult c) {
        long generated = (long) c.tries() + c.discarded();
        return generated == 0 ? 0 : (double) c.discarded() / generated;
    }

    /** The claim's series grouped by plot name, in order of first appearance. */
    static Map<String, List<Series>> plots(ClaimResult c) {
        Map<String, List<Series>> plots = new LinkedHashMap<>();
        for (Series s : c.series()) {
            if (s != null) {
                plots.computeIfAbsent(s.plot(), k -> new ArrayList<>()).add(s);
            }
        }
        return plots;
    }

    /**
     * The provenance label in words: {@code abstract} → "read in the paper's abstract", {@code authors} → "read in the
     * authors' code or figure", {@code recalled} (and the former {@code paper}) → "recalled from the paper (unverified)",
     * {@code derived} → "derived here (proof below)", {@code calibrated} → "calibrated here", {@code conjecture} → "a
     * conjecture"; any other label as it is.
     */
    static String provenancePhrase(String label) {
        return switch (nz(label)) {
            case "abstract" -> "read in the paper's abstract";
            case "authors" -> "read in the authors' code or figure";
            case "recalled", "paper" -> "recalled from the paper (unverified)";
            case "derived" -> "derived here (proof in the claim's section)";
            case "calibrated" -> "calibrated here";
            case "conjecture" -> "a conjecture";
            default -> nz(label);
        };
    }

    /** Lower-case text searched by the report's filter box. */
    static String searchText(ClaimResult c) {
        return (nz(c.id()) + ' ' + nz(c.title()) + ' ' + nz(c.theorem()) + ' ' + nz(c.reason())).toLowerCase(Locale.ROOT);
    }

    /** The string, or "" for null. */
    static String nz(String s) {
        return s == null ? "" : s;
    }
}
