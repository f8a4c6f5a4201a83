package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Claims.nz;
import static org.pruneproof.reports.html.Html.escape;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.pruneproof.reports.results.ClaimResult;

/**
 * The table of all claims, one row each, linking to the claim's section, with filters by paper,
 * provenance, verdict and expectation, a text filter, and sortable columns (in the page's script).
 */
final class ClaimTable {

    private ClaimTable() {
    }

    static void write(StringBuilder h, List<ClaimResult> claims) {
        h.append("<section id=\"claims\">\n<h2>Claims</h2>\n<div class=\"filters\">\n");
        filter(h, "paper", claims, ClaimResult::paper);
        filter(h, "provenance", claims, ClaimResult::provenance);
        filter(h, "verdict", claims, ClaimResult::verdict);
        filter(h, "expected", claims, ClaimResult::expected);
        h.append("<label><input type=\"checkbox\" id=\"filter-contradicts\"> only contradictions</label>\n")
                .append("<label>text <input type=\"search\" id=\"filter-text\" placeholder=\"id, title, theorem…\"></label>\n")
                .append("<span id=\"filter-count\" class=\"note\"></span>\n</div>\n");
        h.append("<table id=\"claim-table\">\n<thead><tr>")
                .append("<th data-sort>claim</th><th data-sort>paper</th><th data-sort>provenance</th>")
                .append("<th data-sort>expected</th><th data-sort>verdict</th><th data-sort class=\"n\">tries</th>")
                .append("<th data-sort class=\"n\">discarded</th><th data-sort class=\"n\">worst ratio</th>")
                .append("<th data-sort class=\"n\">time</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < claims.size(); i++) {
            ClaimResult c = claims.get(i);
            String outcome = Claims.outcome(c);
            double discard = Claims.discardFraction(c);
            h.append("<tr data-claim-row");
            ClaimSection.dataAttributes(h, c);
            h.append("><td><a href=\"#").append(Claims.anchor(i)).append("\"><code>").append(escape(c.id()))
                    .append("</code></a><br><span class=\"title\">").append(escape(c.title())).append("</span></td>")
                    .append("<td title=\"").append(escape(c.paperTitle())).append("\">").append(escape(c.paper()))
                    .append("<br><span class=\"note\">").append(escape(c.theorem())).append("</span></td>")
                    .append("<td>").append(escape(c.provenance()))
                    .append(c.constantsVerified() ? "" : " <span class=\"badge unverified\">unverified</span>").append("</td>")
                    .append("<td>").append(escape(c.expected())).append("</td>")
                    .append("<td class=\"verdict\" data-value=\"").append(escape(outcome + " " + nz(c.verdict()))).append("\"><span class=\"badge v-")
                    .append(outcome).append("\" title=\"").append(escape(Claims.verdictPhrase(c))).append("\">")
                    .append(escape(c.verdict())).append("</span></td>")
                    .append("<td class=\"n\">").append(c.tries()).append("</td>")
                    .append("<td class=\"n").append(discard > Claims.LOUD_DISCARD_FRACTION ? " loud" : "")
                    .append("\" data-value=\"").append(discard).append("\">").append(c.discarded()).append(" (")
                    .append(Numbers.percent(discard)).append(")</td>")
                    .append("<td class=\"n\" data-value=\"").append(c.worstRatio() == null ? "-1" : escape(String.valueOf(c.worstRatio())))
                    .append("\">").append(escape(Numbers.ratio(c.worstRatio()))).append("</td>")
                    .append("<td class=\"n\" data-value=\"").append(c.durationMs()).append("\">")
                    .append(Numbers.seconds(c.durationMs())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void filter(StringBuilder h, String key, List<ClaimResult> claims, Function<ClaimResult, String> value) {
        TreeSet<String> values = new TreeSet<>();
        claims.forEach(c -> values.add(nz(value.apply(c))));
        h.append("<label>").append(key).append(" <select data-filter=\"").append(key).append("\" id=\"filter-").append(key)
                .append("\"><option value=\"\">all</option>");
        for (String v : values) {
            h.append("<option value=\"").append(escape(v)).append("\">").append(escape(v)).append("</option>");
        }
        h.append("</select></label>\n");
    }
}
