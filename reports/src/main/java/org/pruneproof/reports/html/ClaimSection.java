package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Claims.nz;
import static org.pruneproof.reports.html.Html.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.PassRateTest;
import org.pruneproof.reports.results.RatioSummary;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Series;
import org.pruneproof.reports.results.Tightness;

/**
 * The section of the report for one claim: statement as mathematics, provenance (with an
 * "unverified" mark for recalled constants), hypotheses, tolerance, verdict against expectation,
 * tries and discards, tightness (worst ratio and histogram of ratios), the shrunk counterexample,
 * the replay command, the statistics and the claim's plots.
 */
final class ClaimSection {

    /** Counterexamples whose JSON is longer than this are not repeated raw (the table shows them). */
    private static final int MAX_RAW_JSON = 20_000;

    private ClaimSection() {
    }

    static void write(StringBuilder h, ClaimResult c, int index) {
        write(h, c, index, Map.of(), List.of());
    }

    /** Writes the section of claim {@code index}; {@code byId} and {@code all} let it show its proof's lemmas. */
    static void write(StringBuilder h, ClaimResult c, int index, Map<String, Integer> byId, List<ClaimResult> all) {
        String outcome = Claims.outcome(c);
        h.append("<section class=\"claim ").append(outcome).append("\" id=\"").append(Claims.anchor(index))
                .append('"');
        dataAttributes(h, c);
        h.append(">\n<h3><span class=\"badge v-").append(outcome).append("\">").append(escape(Claims.verdictPhrase(c)))
                .append("</span> <code class=\"claim-id\">").append(escape(c.id())).append("</code> — ")
                .append(escape(c.title())).append("</h3>\n");
        h.append("<div class=\"statement\"><div class=\"tex display\">").append(escape(c.statement())).append("</div></div>\n");
        h.append("<dl class=\"facts\">\n");
        fact(h, "paper", "<span title=\"" + escape(c.paperTitle()) + "\">" + escape(c.paper()) + "</span> — "
                + escape(c.theorem()));
        fact(h, "provenance", "<span class=\"badge provenance\">" + escape(Claims.provenancePhrase(c.provenance())) + "</span>"
                + (c.constantsVerified() ? ""
                : " <span class=\"badge unverified\" title=\"constants recalled from the paper, not verified against it\">"
                + "unverified constants</span>"));
        fact(h, "hypotheses", "<span class=\"mathtext\">" + escape(c.hypotheses()) + "</span>");
        fact(h, "tolerance", "<span class=\"mathtext\">" + escape(c.tolerance()) + "</span>");
        fact(h, "verdict", "<span class=\"badge v-" + outcome + "\">" + escape(nz(c.verdict())) + "</span> expected <b>"
                + escape(c.expected()) + "</b>" + (nz(c.reason()).isEmpty() ? "" : " — " + escape(c.reason())));
        double fraction = Claims.discardFraction(c);
        String discards = c.discarded() + " discarded (" + Numbers.percent(fraction) + " of "
                + ((long) c.tries() + c.discarded()) + " generated)";
        if (c.passRateTest() != null) {
            fact(h, "judged over experiments", passRate(c.passRateTest()));
        }
        fact(h, "tries", c.tries() + " checked; " + (fraction > Claims.LOUD_DISCARD_FRACTION
                ? "<span class=\"loud\">" + escape(discards) + " — most generated instances fail the hypotheses</span>"
                : escape(discards)) + (c.storedReplayed() > 0 ? "; " + c.storedReplayed() + " stored counterexample(s) replayed first" : ""));
        fact(h, "seed", "<code>" + c.seed() + "</code>; " + escape(Numbers.seconds(c.durationMs())));
        if (c.reproduces() != null) {
            fact(h, "reproduces", "<span class=\"mathtext\">" + escape(c.reproduces()) + "</span>");
        }
        h.append("</dl>\n");
        ProofSection.write(h, c, byId, all);

        h.append("<h4>Replay</h4>\n<div class=\"replay\"><code id=\"").append(Claims.anchor(index)).append("-replay\">")
                .append(escape(c.replay())).append("</code><button type=\"button\" class=\"copy\" data-copy=\"")
                .append(Claims.anchor(index)).append("-replay\">copy</button></div>\n");

        h.append("<div class=\"twocol\">\n<div class=\"tightness\">\n<h4>Tightness</h4>\n");
        tightness(h, c);
        h.append("</div>\n<div class=\"stats\">\n<h4>Statistics</h4>\n");
        if (c.statistics().isEmpty()) {
            h.append("<p class=\"note\">none</p>\n");
        } else {
            h.append(ValueHtml.of(ResultsFiles.mapper().valueToTree(new java.util.TreeMap<>(c.statistics())))).append('\n');
        }
        h.append("</div>\n</div>\n");

        if (c.counterexample() != null && !c.counterexample().isNull()) {
            h.append("<h4>Shrunk counterexample</h4>\n<div class=\"counterexample\">").append(ValueHtml.of(c.counterexample()))
                    .append("</div>\n");
            rawJson(h, c.counterexample());
        }
        Map<String, List<Series>> plots = Claims.plots(c);
        if (!plots.isEmpty()) {
            h.append("<h4>Plots</h4>\n<div class=\"plots\">\n");
            plots.forEach((name, series) -> h.append(PlotSvg.figure(name, series, "plot")));
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    /** The data attributes the filters match on. */
    static void dataAttributes(StringBuilder h, ClaimResult c) {
        h.append(" data-claim-id=\"").append(escape(c.id())).append("\" data-paper=\"").append(escape(c.paper()))
                .append("\" data-provenance=\"").append(escape(c.provenance())).append("\" data-verdict=\"")
                .append(escape(c.verdict())).append("\" data-expected=\"").append(escape(c.expected()))
                .append("\" data-agrees=\"").append(c.agrees()).append("\" data-search=\"")
                .append(escape(Claims.searchText(c))).append('"');
    }

    private static void tightness(StringBuilder h, ClaimResult c) {
        if (c.tightness() != null) {
            targeted(h, c.tightness());
        }
        RatioSummary r = c.ratios();
        h.append("<p>worst ratio value/bound: <b class=\"").append(c.worstRatio() != null && c.worstRatio() > 1 ? "loud" : "")
                .append("\">").append(escape(Numbers.ratio(c.worstRatio()))).append("</b>");
        if (r == null) {
            h.append("</p>\n<p class=\"note\">No ratios recorded (no instance was checked, or the claim reports none).</p>\n");
            return;
        }
        h.append(" over ").append(r.count()).append(" instances; min ").append(escape(Numbers.format(r.min())))
                .append(", median ").append(escape(Numbers.format(r.median()))).append(", 90th percentile ")
                .append(escape(Numbers.format(r.p90()))).append(", max ").append(escape(Numbers.format(r.max())))
                .append(".</p>\n");
        h.append(HistogramSvg.figure(r));
    }

    /** The targeted search's result: random-best and targeted-best ratios, slack, and the tightest instance. */
    private static void targeted(StringBuilder h, Tightness t) {
        h.append("<table class=\"tight kv\">\n<tbody>\n<tr><th>random phase, best ratio</th><td>")
                .append(escape(Numbers.ratio(t.randomBest()))).append("</td></tr>\n<tr><th>targeted search, best ratio</th><td><b>")
                .append(escape(Numbers.ratio(t.targetedBest()))).append("</b> (").append(t.evaluations()).append(" mutants, ")
                .append(t.improvements()).append(" improvements, ").append(t.discarded()).append(" outside the hypotheses)</td></tr>\n");
        if (t.slack() != null) {
            h.append("<tr><th title=\"1/ratio: by how much the bound's constant could at most be improved on what was seen\">"
                    + "slack of the bound</th><td>").append(escape(Numbers.ratio(t.slack()))).append("</td></tr>\n");
        }
        h.append("<tr><th>stopped</th><td>").append(escape(Claims.nz(t.stopReason()))).append("</td></tr>\n");
        if (t.replay() != null) {
            h.append("<tr><th>replay the tightest instance</th><td><code>").append(escape(t.replay())).append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (t.instance() != null && !t.instance().isNull()) {
            h.append("<details class=\"raw tight-instance\"><summary>tightest instance</summary>").append(ValueHtml.of(t.instance()))
                    .append("</details>\n");
        }
    }

    private static void rawJson(StringBuilder h, JsonNode v) {
        try {
            String json = ResultsFiles.mapper().writeValueAsString(v);
            if (json.length() <= MAX_RAW_JSON) {
                h.append("<details class=\"raw\"><summary>as JSON (full precision, for a regression case)</summary><pre>")
                        .append(escape(json)).append("</pre></details>\n");
            }
        } catch (JsonProcessingException e) {
            h.append("<p class=\"note\">cannot show the raw JSON: ").append(escape(e.getOriginalMessage())).append("</p>\n");
        }
    }

    /** The pass-rate test of a statistical claim, loud when any experiment failed. */
    static String passRate(PassRateTest t) {
        String rule = "each experiment passes with probability ≥ " + Numbers.format(t.passRate())
                + " (one-sided binomial test at level " + Numbers.format(t.significance()) + ")";
        String counts = t.failed() + " of " + t.checked() + " experiments failed their check; p = P(Bin("
                + t.checked() + ", " + Numbers.format(1 - t.passRate()) + ") ≥ " + t.failed() + ") = " + Numbers.format(t.pValue())
                + (t.rejected() ? " ≤ " : " > ") + Numbers.format(t.significance())
                + (t.rejected() ? ": the claimed pass rate is rejected" : ": consistent with the claimed pass rate");
        return escape(rule) + "; " + (t.failed() > 0 ? "<span class=\"loud\">" + escape(counts) + "</span>" : escape(counts));
    }

    private static void fact(StringBuilder h, String key, String html) {
        h.append("<dt>").append(escape(key)).append("</dt><dd>").append(html).append("</dd>\n");
    }
}
