package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the report in a real, offline, headless Chromium: no console error, no exception, no request
 * for anything but the report itself and data: URIs, every claim and plot present, the statements
 * typeset by KaTeX, the filters working, and no script from a claim's strings run. Saves screenshots
 * under {@code target/}. Without Chromium the test fails on CI ({@code CI=true}) and is aborted
 * (reported as skipped, loudly) elsewhere.
 */
class HtmlReportInBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportInBrowserTest.class);
    private static final Path TARGET = Path.of("target");

    @Test
    @Timeout(120)
    void theReportLoadsOfflineWithEveryClaimAndPlotAndNoConsoleError() throws Exception {
        RunResults results = ReportFixtures.rich();
        Path dir = TARGET.resolve("browser-test");
        Path report = HtmlReport.write(results, dir).toAbsolutePath();
        try (Chromium browser = Chromium.start(chromium(), dir)) {
            load(browser, report);
            problems(browser, report);

            JsonNode page = everyClaimAndPlotPresent(browser, results, id -> !id.startsWith("evil."));
            assertEquals(1, page.get("texErrors").asInt(), "the hostile TeX shown as a KaTeX error, not run");
            assertEquals("undefined", page.get("pwned").asText(), "no script from a claim's strings ran");

            long falsified = results.claims().stream().filter(c -> "FALSIFIED".equals(c.verdict())).count();
            JsonNode filtered = browser.evaluate("(() => { const s = document.getElementById('filter-verdict');"
                    + " s.value = 'FALSIFIED'; s.dispatchEvent(new Event('change'));"
                    + " const n = document.querySelectorAll('#claim-table tbody tr:not(.hidden)').length;"
                    + " const m = document.querySelectorAll('section.claim:not(.hidden)').length;"
                    + " s.value = ''; s.dispatchEvent(new Event('change')); return [n, m]; })()");
            assertEquals(falsified, filtered.get(0).asLong(), "the verdict filter keeps the falsified rows");
            assertEquals(falsified, filtered.get(1).asLong(), "and the falsified sections");

            browser.evaluate("document.querySelector('button.copy').click(), true");
            Thread.sleep(200);
            problems(browser, report);
            screenshot(browser, TARGET.resolve("report-screenshot.png"), null);
            screenshot(browser, TARGET.resolve("report-claim-screenshot.png"), "section.claim .tightness");
            screenshot(browser, TARGET.resolve("report-plot-screenshot.png"), "section.claim figure.plot");
            JsonNode wide = browser.evaluate("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                    + " > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + (e.closest('[id]') || {}).id + ' ' + e.textContent.slice(0, 30))");
            assertEquals(0, wide.size(), () -> "nothing wider than a laptop screen: " + wide);
            byte[] pdf = Base64.getDecoder().decode(browser.send("Page.printToPDF", Map.of("printBackground", false))
                    .get("data").asText());
            Files.write(TARGET.resolve("report-print.pdf"), pdf);
            assertTrue(pdf.length > 10_000, "the report prints");
        }
    }

    @Test
    @Timeout(120)
    void aProofOpensBesideItsVerdictWithEveryFormulaTypesetAndItsLemmasVerdicts() throws Exception {
        RunResults results = ReportFixtures.proofs();
        Path dir = TARGET.resolve("browser-proof-test");
        Path report = HtmlReport.write(results, dir).toAbsolutePath();
        try (Chromium browser = Chromium.start(chromium(), dir)) {
            load(browser, report);
            problems(browser, report);
            JsonNode page = browser.evaluate("(() => { const d = document.querySelector('section.claim details.proof');"
                    + " const closed = !d.open; d.open = true;"
                    + " const text = d.querySelector('.proof-text');"
                    + " return {closed: closed, visible: text.getBoundingClientRect().height > 0,"
                    + "  tex: text.querySelectorAll('.tex').length,"
                    + "  typeset: text.querySelectorAll('.tex.rendered .katex').length,"
                    + "  errors: text.querySelectorAll('.katex-error').length,"
                    + "  display: text.querySelectorAll('.tex.display .katex-display').length,"
                    + "  steps: document.querySelectorAll('table.steps tbody tr').length,"
                    + "  stepTex: document.querySelectorAll('table.steps .tex .katex').length,"
                    + "  pwned: typeof window.__pwned}; })()");
            assertTrue(page.get("closed").asBoolean(), "the proof is collapsed until opened");
            assertTrue(page.get("visible").asBoolean(), "and shows when opened");
            assertEquals(4, page.get("tex").asInt(), "every formula of the proof is a TeX element: " + page);
            assertEquals(4, page.get("typeset").asInt(), "and typeset by KaTeX: " + page);
            assertEquals(0, page.get("errors").asInt(), "without a KaTeX error: " + page);
            assertEquals(1, page.get("display").asInt(), "the display formula in display mode: " + page);
            assertEquals(3, page.get("steps").asInt(), "one row per named step");
            assertEquals(3, page.get("stepTex").asInt(), "each step's statement typeset");
            assertEquals("undefined", page.get("pwned").asText(), "no script from a proof ran");
            problems(browser, report);
            sectionScreenshot(browser, TARGET.resolve("report-proof-screenshot.png"), "section.claim");
        }
    }

    /**
     * Renders a real results file and saves screenshots of it, for the README:
     * {@code mvn test -pl reports -Dtest=HtmlReportInBrowserTest -Dpruneproof.screenshot.results=FILE
     * -Dpruneproof.screenshot.out=DIR}.
     */
    @Test
    @Timeout(120)
    @EnabledIfSystemProperty(named = "pruneproof.screenshot.results", matches = ".+")
    void screenshotsOfARealResultsFile() throws Exception {
        RunResults results = ResultsFiles.read(Path.of(System.getProperty("pruneproof.screenshot.results")));
        Path out = Path.of(System.getProperty("pruneproof.screenshot.out", "target"));
        Path dir = TARGET.resolve("browser-screenshot");
        Path report = HtmlReport.write(results, dir).toAbsolutePath();
        try (Chromium browser = Chromium.start(chromium(), dir)) {
            load(browser, report);
            problems(browser, report);
            everyClaimAndPlotPresent(browser, results, id -> true);
            screenshot(browser, out.resolve("report.png"), null);
            Optional<ClaimResult> withPlot = results.claims().stream().filter(c -> !c.series().isEmpty()).findFirst();
            if (withPlot.isPresent()) {
                sectionScreenshot(browser, out.resolve("report-claim.png"), "section.claim:has(figure.plot)");
            }
        }
    }

    private static Path chromium() {
        Optional<Path> binary = Chromium.find();
        if (binary.isEmpty()) {
            String message = "CHROMIUM NOT FOUND (looked for $CHROMIUM, chromium, chromium-browser, google-chrome on the PATH): "
                    + "the browser test of the HTML report did NOT run. Install Debian's 'chromium' package.";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            LOG.warn("\n\n*** {} ***\n", message);
            Assumptions.abort(message);
        }
        return binary.get();
    }

    private static void load(Chromium browser, Path report) throws IOException, InterruptedException {
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            browser.send(domain + ".enable", Map.of());
        }
        browser.send("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1366, "height", 860, "deviceScaleFactor", 1, "mobile", false));
        browser.send("Page.navigate", Map.of("url", report.toUri().toString()));
        browser.awaitEvent(e -> "Page.loadEventFired".equals(e.path("method").asText()), "load event");
        for (int i = 0; i < 100 && !"true".equals(browser.evaluate(
                "document.documentElement.getAttribute('data-report-ready')").asText()); i++) {
            Thread.sleep(50);
        }
        browser.evaluate("document.fonts.ready.then(() => true)");
    }

    /** Fails with every console error, uncaught exception, error log entry and non-local request. */
    /**
     * Every claim has its section and table row, every plot and series is drawn, and every statement
     * whose id passes {@code wellFormedTex} is typeset by KaTeX. Returns the page facts for further checks.
     */
    private static JsonNode everyClaimAndPlotPresent(Chromium browser, RunResults results,
                                                     Predicate<String> wellFormedTex) throws Exception {
        Set<String> expectedIds = new TreeSet<>();
        results.claims().forEach(c -> expectedIds.add(c.id()));
        JsonNode page = browser.evaluate("(() => ({"
                + "sections: [...document.querySelectorAll('section.claim')].map(s => s.dataset.claimId),"
                + "rows: document.querySelectorAll('#claim-table tbody tr').length,"
                + "plots: [...document.querySelectorAll('figure.plot svg')].filter(s => s.getBBox().width > 0).length,"
                + "series: document.querySelectorAll('figure.plot g.series').length,"
                + "histograms: document.querySelectorAll('figure.histogram svg').length,"
                + "tex: document.querySelectorAll('.statement .tex').length,"
                + "typeset: [...document.querySelectorAll('section.claim')].filter(s => s.querySelector('.statement .katex')"
                + "  && !s.querySelector('.statement .katex-error')).map(s => s.dataset.claimId),"
                + "texErrors: document.querySelectorAll('.statement .katex-error').length,"
                + "pwned: typeof window.__pwned"
                + "}))()");
        Set<String> ids = new TreeSet<>();
        page.get("sections").forEach(n -> ids.add(n.asText()));
        assertEquals(expectedIds, ids, "every claim has its section, ids intact");
        assertEquals(results.claims().size(), page.get("rows").asInt(), "one table row per claim");
        long plots = results.claims().stream().mapToLong(c -> Claims.plots(c).size()).sum();
        assertEquals(plots, page.get("plots").asLong(), "every plot drawn");
        assertEquals(results.claims().stream().mapToLong(c -> c.series().size()).sum(), page.get("series").asLong(),
                "every series drawn");
        assertEquals(results.claims().size(), page.get("tex").asInt(), "one statement per claim (proofs bring TeX of their own)");
        Set<String> typeset = new TreeSet<>();
        page.get("typeset").forEach(n -> typeset.add(n.asText()));
        Set<String> wellFormed = new TreeSet<>(expectedIds);
        wellFormed.removeIf(id -> !wellFormedTex.test(id));
        assertEquals(wellFormed, typeset, "every well-formed statement typeset by KaTeX");
        return page;
    }

    private static void problems(Chromium browser, Path report) {
        String self = report.toUri().toString();
        List<String> problems = new ArrayList<>();
        for (JsonNode e : browser.events()) {
            JsonNode p = e.path("params");
            switch (e.path("method").asText()) {
                case "Runtime.consoleAPICalled" -> {
                    if (Set.of("error", "assert").contains(p.path("type").asText())) {
                        problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> problems.add("exception: " + p.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if ("error".equals(p.path("entry").path("level").asText())) {
                        problems.add("log error: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                    }
                }
                case "Network.requestWillBeSent" -> {
                    String url = p.path("request").path("url").asText();
                    if (!url.equals(self) && !url.startsWith("data:")) {
                        problems.add("request: " + url);
                    }
                }
                case "pruneproof.badMessage" -> problems.add("unreadable DevTools message: " + e.path("text"));
                default -> {
                }
            }
        }
        assertEquals(List.of(), problems, "the report loads offline without errors");
    }

    /** A screenshot of a whole element (at most 1700 pixels high), wherever it is on the page. */
    private static void sectionScreenshot(Chromium browser, Path file, String selector) throws IOException {
        JsonNode box = browser.evaluate("(() => { const r = document.querySelector('" + selector + "').getBoundingClientRect();"
                + " return [r.left + window.scrollX - 8, r.top + window.scrollY - 8, r.width + 16, Math.min(1700, r.height + 16)]; })()");
        String png = browser.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", box.get(0).asDouble(), "y", box.get(1).asDouble(), "width", box.get(2).asDouble(),
                        "height", box.get(3).asDouble(), "scale", 1))).get("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
        LOG.info("screenshot: {}", file.toAbsolutePath());
    }

    private static void screenshot(Chromium browser, Path file, String scrollTo) throws IOException {
        if (scrollTo != null) {
            browser.evaluate("(() => { const e = document.querySelector('" + scrollTo + "');"
                    + " e.scrollIntoView(); window.scrollBy(0, -60); return true; })()");
        } else {
            browser.evaluate("window.scrollTo(0, 0), true");
        }
        String png = browser.send("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
        LOG.info("screenshot: {}", file.toAbsolutePath());
    }
}
