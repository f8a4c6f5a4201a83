package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Claims.nz;
import static org.pruneproof.reports.html.Html.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pruneproof.reports.results.ClaimResult;

/**
 * The top of the report: one banner saying whether every verdict agrees with its expectation, the
 * count of claims by outcome per paper, and what failed (contradictions first, then the
 * counterexamples found for claims expected to be falsified, then inconclusive claims), each with the
 * first violated clause or the reason.
 */
final class SummarySection {

    private SummarySection() {
    }

    static void write(StringBuilder h, List<ClaimResult> claims) {
        long contradicting = claims.stream().filter(c -> !c.agrees()).count();
        long inconclusive = claims.stream().filter(c -> "inconclusive".equals(Claims.outcome(c))).count();
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        if (claims.isEmpty()) {
            h.append("<div class=\"banner bad\">This results file holds no claims.</div>\n</section>\n");
            return;
        }
        h.append("<div class=\"banner ").append(contradicting == 0 ? "ok" : "bad").append("\" id=\"verdict-banner\">")
                .append(claims.size()).append(" claims: ")
                .append(contradicting == 0 ? "every verdict agrees with its expectation"
                        : contradicting + " verdict(s) contradict their expectation")
                .append(inconclusive == 0 ? "." : "; " + inconclusive + " inconclusive.").append("</div>\n");

        Map<String, int[]> byPaper = new TreeMap<>();
        Map<String, String> paperTitles = new LinkedHashMap<>();
        int[] total = new int[7];
        for (ClaimResult c : claims) {
            int[] row = byPaper.computeIfAbsent(nz(c.paper()), k -> new int[7]);
            paperTitles.putIfAbsent(nz(c.paper()), nz(c.paperTitle()));
            for (int[] r : new int[][] {row, total}) {
                r[0]++;
                String verdict = nz(c.verdict()).toUpperCase(java.util.Locale.ROOT);
                switch (Claims.outcome(c)) {
                    case "contradicts" -> r[3]++;
                    case "inconclusive" -> r[4]++;
                    default -> r["FALSIFIED".equals(verdict) ? 2 : 1]++;
                }
                if (!c.constantsVerified()) {
                    r[5]++;
                }
                if (Claims.discardFraction(c) > Claims.LOUD_DISCARD_FRACTION) {
                    r[6]++;
                }
            }
        }
        h.append("<table id=\"summary-table\">\n<thead><tr><th>paper</th><th class=\"n\">claims</th>")
                .append("<th class=\"n\">hold, as expected</th><th class=\"n\">falsified, as expected</th>")
                .append("<th class=\"n\">contradict the expectation</th><th class=\"n\">inconclusive</th>")
                .append("<th class=\"n\">unverified constants</th><th class=\"n\">&gt; 50% discarded</th></tr></thead>\n<tbody>\n");
        byPaper.forEach((paper, r) -> summaryRow(h, "<b>" + escape(paper) + "</b><br><span class=\"note\">"
                + escape(paperTitles.get(paper)) + "</span>", r));
        summaryRow(h, "<b>all</b>", total);
        h.append("</tbody>\n</table>\n");

        h.append("<h3 style=\"margin-top:16px\">What failed</h3>\n<ul class=\"failed-list\">\n");
        int listed = 0;
        for (String outcome : new String[] {"contradicts", "falsified", "inconclusive"}) {
            for (int i = 0; i < claims.size(); i++) {
                ClaimResult c = claims.get(i);
                boolean match = switch (outcome) {
                    case "contradicts" -> !c.agrees();
                    case "falsified" -> c.agrees() && "FALSIFIED".equalsIgnoreCase(c.verdict());
                    default -> "inconclusive".equals(Claims.outcome(c));
                };
                if (match) {
                    listed++;
                    String cls = "contradicts".equals(outcome) ? "contradicts" : "falsified".equals(outcome) ? "agree" : "inconclusive";
                    h.append("<li><span class=\"badge v-").append(cls).append("\">").append(escape(Claims.verdictPhrase(c)))
                            .append("</span> <a href=\"#").append(Claims.anchor(i)).append("\"><code>").append(escape(c.id()))
                            .append("</code></a>: ").append(escape(nz(c.reason()))).append("</li>\n");
                }
            }
        }
        if (listed == 0) {
            h.append("<li class=\"muted\">Nothing: every claim held.</li>\n");
        }
        h.append("</ul>\n");
        heldWithFailedExperiments(h, claims);
        h.append("</section>\n");
    }

    /** Statistical claims that held although some of their experiments failed: a pass rate is not "every time". */
    private static void heldWithFailedExperiments(StringBuilder h, List<ClaimResult> claims) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < claims.size(); i++) {
            ClaimResult c = claims.get(i);
            if (c.passRateTest() != null && c.passRateTest().failed() > 0 && !"FALSIFIED".equalsIgnoreCase(c.verdict())) {
                items.append("<li><a href=\"#").append(Claims.anchor(i)).append("\"><code>").append(escape(c.id()))
                        .append("</code></a>: ").append(ClaimSection.passRate(c.passRateTest())).append("</li>\n");
            }
        }
        if (items.length() > 0) {
            h.append("<h3 style=\"margin-top:16px\">Held over experiments, with some experiments failing</h3>\n")
                    .append("<ul class=\"failed-list\" id=\"failed-experiments\">\n").append(items).append("</ul>\n");
        }
    }

    private static void summaryRow(StringBuilder h, String label, int[] r) {
        h.append("<tr><td>").append(label).append("</td>");
        for (int k = 0; k < r.length; k++) {
            boolean loud = (k == 3 || k == 6) && r[k] > 0;
            h.append("<td class=\"n").append(loud ? " loud" : "").append("\">").append(r[k]).append("</td>");
        }
        h.append("</tr>\n");
    }
}
