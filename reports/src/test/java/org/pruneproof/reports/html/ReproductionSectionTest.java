package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.Series;

/**
 * The Reproduction section: the paper's statement with its provenance label, the measurement with its uncertainty,
 * the verdict in a reproduction's words, our figure and, beside it, the figure with the paper's own series.
 */
class ReproductionSectionTest {

    private static final Series OURS = Series.measured("ours", "pruned", "n", "L", new double[] {16, 32}, new double[] {1, 0.3}).logLog();
    private static final Series THEIRS = new Series("authors' figure", "pruned (authors)", Series.PAPER, "n", "L", true, true,
            new double[] {90, 990}, new double[] {3e-4, 5e-6});

    private static String section(ClaimResult... claims) {
        StringBuilder h = new StringBuilder();
        ReproductionSection.write(h, List.of(claims));
        return h.toString();
    }

    @Test
    void aReproducedClaimShowsLabelMeasurementVerdictAndBothFigures() {
        ClaimResult c = ReportFixtures.claim("ye2020.toy", "HOLDS", "holds", true, "authors", true, 0.5, 3, 0,
                List.of(OURS, THEIRS), Map.of("measurement", "slope gap 1.10 ± 0.08 (mean ± s.e., 3 seeds)", "crossoverN", 64),
                null, "toy figure: slopes −1.93 vs −0.84");
        String h = section(c);
        assertTrue(h.contains("toy figure: slopes −1.93 vs −0.84"));
        assertTrue(h.contains("read in the authors&#39; code or figure"), "the provenance label");
        assertTrue(h.contains(">reproduced</span>"));
        assertTrue(h.contains("slope gap 1.10 ± 0.08 (mean ± s.e., 3 seeds)"));
        assertTrue(h.contains("data-plot=\"ours\"") && h.contains("data-plot=\"authors&#39; figure\""),
                "our figure and the paper's beside it");
        assertTrue(h.contains("stroke-dasharray=\"9 3 2 3\""), "the paper's series drawn dash-dotted");
    }

    @Test
    void falsifiedAndInconclusiveClaimsReadAsNotReproducedAndInconclusive() {
        assertEquals("not reproduced", ReproductionSection.verdict(ReportFixtures.claim("a.b", "FALSIFIED", "holds", false,
                "recalled", false, 2.0, 3, 0, List.of(), Map.of(), null, "x")));
        assertEquals("inconclusive", ReproductionSection.verdict(ReportFixtures.claim("a.c", "INCONCLUSIVE", "holds", true,
                "calibrated", true, null, 0, 3, List.of(), Map.of(), null, "x")));
        String h = section(ReportFixtures.claim("a.c", "INCONCLUSIVE", "holds", true, "calibrated", true, null, 0, 3, List.of(),
                Map.of(), null, "x"));
        assertTrue(h.contains(">inconclusive</span>") && h.contains("calibrated here"));
        assertTrue(h.contains("reason for a.c"), "without a measurement the reason is shown");
    }

    @Test
    void anInconclusiveClaimWithAnUndecidedExperimentsSeriesShowsItsFigureAndMeasurement() {
        String h = section(ReportFixtures.claim("a.e", "INCONCLUSIVE", "open", true, "abstract", true, null, 0, 2, List.of(OURS),
                Map.of("measurement", "d = 0.09 ± 0.08 (2 seeds)"), null, "fine-tune, do not re-train"));
        assertTrue(h.contains(">inconclusive</span>"));
        assertTrue(h.contains("d = 0.09 ± 0.08 (2 seeds)"), "the undecided experiment's measurement");
        assertTrue(h.contains("data-plot=\"ours\""), "its figure");
        assertTrue(h.contains("2 undecided"), "says whose measurement it is");
    }

    @Test
    void withoutReproducingClaimsTheSectionSaysSo() {
        String h = section(ReportFixtures.claim("a.d", "HOLDS", "holds", true, "derived", true, 0.5, 3, 0, List.of(), Map.of(),
                null, null));
        assertTrue(h.contains("No claim in this run says which figure"));
        assertFalse(h.contains("<table"));
    }
}
