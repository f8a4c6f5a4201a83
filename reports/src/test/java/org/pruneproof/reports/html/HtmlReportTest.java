package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.InvalidResultsException;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;

class HtmlReportTest {

    private static final RunResults RICH = ReportFixtures.rich();
    private static final String HTML = HtmlReport.render(RICH);
    /** The page without the inlined scripts and style sheets: what the claims' strings can reach. */
    private static final String BODY = HTML.replaceAll("(?s)<script>.*?</script>|<style>.*?</style>", "");

    @Test
    void everyClaimHasASectionATableRowAndItsPlots() {
        assertEquals(RICH.claims().size(), count(HTML, "<section class=\"claim "));
        assertEquals(RICH.claims().size(), count(HTML, "<tr data-claim-row"));
        for (ClaimResult c : RICH.claims()) {
            assertTrue(HTML.contains("data-claim-id=\"" + Html.escape(c.id()) + "\""), c.id());
        }
        long plots = RICH.claims().stream().mapToLong(c -> Claims.plots(c).size()).sum();
        assertEquals(plots, count(HTML, "<figure class=\"plot\""));
        for (ClaimResult c : RICH.claims()) {
            for (String plot : Claims.plots(c).keySet()) {
                assertTrue(HTML.contains("data-plot=\"" + Html.escape(plot) + "\""), plot);
            }
        }
        long histograms = RICH.claims().stream().filter(c -> c.ratios() != null && c.ratios().count() > 0
                && Double.isFinite(c.ratios().histogramEdges()[0])).count();
        assertEquals(histograms, count(HTML, "<figure class=\"histogram\""));
    }

    @Test
    void boundsAreDashedAndFitsAreLines() {
        String plot = section(HTML, "ye2020.realizable-rate");
        assertTrue(plot.contains("role-bound\" data-series=\"bound V/n\"><path"), "bound drawn as a path");
        assertTrue(Pattern.compile("role-bound[^>]*><path [^>]*stroke-dasharray").matcher(plot).find(), "bound dashed");
        assertTrue(Pattern.compile("role-fit[^>]*><path d=\"M[^\"]*L").matcher(plot).find(), "fit a line");
        assertTrue(plot.contains("n (log scale)") && plot.contains("L_n (log scale)"), "log axes labelled");
    }

    @Test
    void hostileStringsFromClaimsCannotInjectMarkupOrScript() {
        assertEquals(2, count(HTML.toLowerCase(), "<script"), "only the report's own two scripts");
        assertEquals(2, count(HTML.toLowerCase(), "</script"), "no claim text closes a script element");
        assertFalse(BODY.contains("<img"), "no element from a claim's strings");
        assertFalse(BODY.contains("onerror=\""), "no event handler attribute from a claim's strings");
        assertFalse(BODY.contains("evil.</script"), "no markup from a claim id");
        assertTrue(HTML.contains("&lt;/script&gt;&lt;script&gt;window.__pwned=3"), "the TeX is shown as text");
    }

    @Test
    void reportReferencesNothingOnTheNetwork() {
        String outsideScripts = HTML.replaceAll("(?s)<script>.*?</script>", "");
        Matcher m = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:)").matcher(outsideScripts);
        assertFalse(m.find(), () -> "network reference: " + m.group());
        Matcher url = Pattern.compile("url\\((?!data:)").matcher(HTML);
        assertFalse(url.find(), "every url(...) in the styles is a data: URI");
        assertTrue(HTML.contains("@font-face") && HTML.contains("data:font/woff2;base64,"), "KaTeX fonts inlined");
        assertTrue(HTML.contains("default-src 'none'"), "a content security policy forbids fetching anything");
    }

    @Test
    void nanAndInfinityNeverReachCoordinatesAndAreSaidInWords() {
        Matcher bad = Pattern.compile(" (x|y|x1|x2|y1|y2|cx|cy|width|height|d|viewBox)=\"[^\"]*(NaN|Infinity)").matcher(BODY);
        assertFalse(bad.find(), () -> "non-finite coordinate: " + BODY.substring(Math.max(0, bad.start() - 80), bad.end() + 20));
        assertTrue(HTML.contains("point(s) with NaN or infinite coordinates not drawn"));
        assertTrue(HTML.contains("point(s) with y ≤ 0 not drawn on the log y axis"));
        assertTrue(HTML.contains("no drawable point"));
        assertTrue(HTML.contains("worst ratio value/bound: <b class=\"loud\">∞</b>"));
        assertTrue(HTML.contains("No histogram of ratios in the results file."));
    }

    @Test
    void recalledConstantsAreMarkedUnverifiedAndHeavyDiscardsAreLoud() {
        String s = section(HTML, "hayou2021.critical-sparsity");
        assertTrue(s.contains("unverified constants"));
        assertTrue(s.contains("<span class=\"loud\">160 discarded (80% of 200 generated)"));
        assertFalse(section(HTML, "ye2020.realizable-rate").contains("unverified"));
    }

    @Test
    void failedExperimentsOfAStatisticalClaimAreLoudWithTheirBinomialTest() {
        String s = section(HTML, "hayou2021.critical-sparsity");
        assertTrue(s.contains("each experiment passes with probability ≥ 0.5"), s);
        assertTrue(s.contains("<span class=\"loud\">7 of 40 experiments failed their check; p = P(Bin(40, 0.5) ≥ 7) = 1 &gt; 0.01"), s);
        assertFalse(section(HTML, "ye2020.realizable-rate").contains("judged over experiments"));
        String summary = HTML.substring(HTML.indexOf("<section id=\"summary\">"), HTML.indexOf("<section id=\"claims\">"));
        assertTrue(summary.contains("<ul class=\"failed-list\" id=\"failed-experiments\">") && summary.contains("hayou2021.critical-sparsity"),
                "the summary lists claims that held with failing experiments");
    }

    @Test
    void summaryPutsContradictionsFirstAndReproductionPairsPaperWithRun() {
        String summary = HTML.substring(HTML.indexOf("<section id=\"summary\">"), HTML.indexOf("<section id=\"claims\">"));
        assertTrue(summary.contains("verdict(s) contradict their expectation"));
        assertTrue(summary.indexOf("ye2020.contradiction") < summary.indexOf("ye2020.monotone-loss"), "contradiction listed first");
        String repro = HTML.substring(HTML.indexOf("<section id=\"reproduction\">"), HTML.indexOf("<section id=\"details\">"));
        assertTrue(repro.contains("Fig. 1: the loss of the pruned network decays like $1/n^2$"));
        assertTrue(repro.contains("<figure class=\"plot-thumb\" data-plot=\"L_n against n\""));
        assertTrue(repro.contains("slope"), "the fitted statistic shown next to the paper's claim");
    }

    @Test
    void counterexamplesShowSmallMatricesAsTablesAndElideLongArrays() {
        String s = section(HTML, "ye2020.monotone-loss");
        assertTrue(s.contains("3 × 4</span><table class=\"matrix\">"));
        assertTrue(s.contains("… 492 more …"));
        assertTrue(s.contains("(500 values)"));
        assertTrue(s.contains("id=\"claim-"), "replay command has an id for its copy button");
    }

    @Test
    void emptyResultsRenderWithASayingBanner() {
        String html = HtmlReport.render(new RunResults(ReportFixtures.run(), List.of()));
        assertTrue(html.contains("This results file holds no claims."));
        assertTrue(html.endsWith("</html>\n"));
    }

    @Test
    void aResultsFileWrittenBeforeReproducesExistedStillRenders() throws Exception {
        Path old = Path.of(getClass().getResource("foundation-results.json").toURI());
        RunResults r = ResultsFiles.read(old);
        assertFalse(r.claims().isEmpty());
        r.claims().forEach(c -> assertNull(c.reproduces(), c.id()));
        String html = HtmlReport.render(r);
        for (ClaimResult c : r.claims()) {
            assertTrue(html.contains("data-claim-id=\"" + c.id() + "\""), c.id());
        }
        assertTrue(html.contains("No claim in this run says which figure"));
    }

    @Test
    void aMinimalOldFileWithMissingFieldsRenders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"run\":{\"tool\":\"0.0.1\",\"seed\":1},\"claims\":[{\"id\":\"old.claim\","
                + "\"verdict\":\"HOLDS\",\"expected\":\"holds\",\"agrees\":true,\"worstRatio\":NaN}]}");
        String html = HtmlReport.render(ResultsFiles.read(file));
        assertTrue(html.contains("data-claim-id=\"old.claim\""));
        assertTrue(html.contains("No ratios recorded"));
    }

    @Test
    void resultsRoundTripThroughJsonIncludingReproducesAndNonFiniteValues(@TempDir Path dir) {
        // The hostile claim's verdict is no verdict the engine gives, so a results file holding it is refused
        // on reading (ResultsValidationTest); its escaping is checked on the rendered page above.
        RunResults wellFormed = new RunResults(RICH.run(), RICH.claims().stream().filter(c -> !c.id().startsWith("evil.")).toList());
        Path file = dir.resolve("results.json");
        ResultsFiles.write(wellFormed, file);
        RunResults back = ResultsFiles.read(file);
        assertEquals(RICH.claims().get(0).reproduces(), back.claims().get(0).reproduces());
        assertSamePage(HtmlReport.render(wellFormed), HtmlReport.render(back));
        ResultsFiles.write(RICH, file);
        assertThrows(InvalidResultsException.class, () -> ResultsFiles.read(file));
    }

    @Test
    void writeReplacesTheFileAtomically(@TempDir Path dir) throws IOException {
        Path file = HtmlReport.write(RICH, dir.resolve("out"));
        assertEquals(dir.resolve("out").resolve("index.html"), file);
        assertSamePage(HTML, Files.readString(file));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "a report is readable by others, not left owner-only like the temporary file it was");
        }
    }

    @Test
    void theStatementIsLeftAsTexForTheInlinedKatex() {
        assertTrue(HTML.contains("<div class=\"tex display\">L_{n+1} \\le \\frac{n^2}{(n+1)^2} L_n"));
        assertTrue(HTML.contains("katex"), "KaTeX inlined");
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section class=\"claim", html.indexOf("<section id=\"details\">"));
        int at = html.indexOf("data-claim-id=\"" + id + "\"", start);
        int from = html.lastIndexOf("<section class=\"claim", at);
        return html.substring(from, html.indexOf("</section>", at));
    }

    /** Equality with a short message (the page is a megabyte long). */
    private static void assertSamePage(String expected, String actual) {
        int i = 0;
        while (i < Math.min(expected.length(), actual.length()) && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        if (i < expected.length() || i < actual.length()) {
            int from = Math.max(0, i - 120);
            throw new AssertionError("pages differ at character " + i + ":\n expected …"
                    + expected.substring(from, Math.min(expected.length(), i + 80)) + "\n   actual …"
                    + actual.substring(from, Math.min(actual.length(), i + 80)));
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
