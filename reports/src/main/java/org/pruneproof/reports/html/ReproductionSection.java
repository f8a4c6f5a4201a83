package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Claims.nz;
import static org.pruneproof.reports.html.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Series;

/**
 * The report's Reproduction section: every claim that names (in {@code reproduces}) the figure or statement of a
 * paper it reproduces, grouped by paper, each with the paper's statement and its provenance label, this run's
 * measurement with its uncertainty (the claim's {@value #MEASUREMENT} statistic), the verdict in the words of a
 * reproduction ({@link #verdict}), the claim's first figure, and every figure that carries the paper's own series
 * ({@link Series#PAPER}) drawn beside it.
 */
final class ReproductionSection {

    /** The statistic in which a reproducing claim states its measurement with its uncertainty. */
    static final String MEASUREMENT = "measurement";

    /** Statistics the engine adds to every claim; the reproduction table leaves them out. */
    private static final Set<String> ENGINE_STATISTICS = Set.of("generated", "discardFraction", "discardReasons", "storeProblems",
            "storedFailing", "foundBySearch", MEASUREMENT);
    private static final int STATISTICS = 6;

    private ReproductionSection() {
    }

    /**
     * The verdict as a reproduction: {@code reproduced} when the claim holds, {@code not reproduced} when it is
     * falsified, {@code inconclusive} otherwise (no data, too few valid experiments).
     */
    static String verdict(ClaimResult c) {
        return switch (nz(c.verdict())) {
            case "HOLDS" -> "reproduced";
            case "FALSIFIED" -> "not reproduced";
            default -> "inconclusive";
        };
    }

    static void write(StringBuilder h, List<ClaimResult> claims) {
        h.append("<section id=\"reproduction\">\n<h2>Reproduction of the papers</h2>\n");
        Map<String, List<Integer>> byPaper = new TreeMap<>();
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).reproduces() != null) {
                byPaper.computeIfAbsent(nz(claims.get(i).paper()), k -> new ArrayList<>()).add(i);
            }
        }
        if (byPaper.isEmpty()) {
            h.append("<p class=\"note\">No claim in this run says which figure or statement of a paper it reproduces.</p>\n</section>\n");
            return;
        }
        h.append("<p class=\"note\">Each row: what the paper says and where that is known from (its provenance label), what this run "
                + "measured with its uncertainty, and the verdict reached by the claim's criterion, which its spec fixed before the run. "
                + "Dash-dotted curves are the paper's own series.</p>\n");
        byPaper.forEach((paper, indices) -> {
            h.append("<h3>").append(escape(paper)).append(" <span class=\"note\">")
                    .append(escape(claims.get(indices.get(0)).paperTitle())).append("</span></h3>\n")
                    .append("<table class=\"repro\">\n<thead><tr><th>the paper says</th><th>this run measured</th></tr></thead>\n<tbody>\n");
            for (int i : indices) {
                row(h, claims.get(i), i);
            }
            h.append("</tbody>\n</table>\n");
        });
        h.append("</section>\n");
    }

    private static void row(StringBuilder h, ClaimResult c, int i) {
        String verdict = verdict(c);
        String badge = switch (verdict) {
            case "reproduced" -> "agree";
            case "not reproduced" -> "contradicts";
            default -> "inconclusive";
        };
        h.append("<tr class=\"repro-row\" data-reproduction=\"").append(escape(verdict)).append("\"><td><span class=\"mathtext\">")
                .append(escape(c.reproduces())).append("</span><br><span class=\"badge provenance\">")
                .append(escape(Claims.provenancePhrase(c.provenance()))).append("</span> <span class=\"note\">")
                .append(escape(c.theorem())).append("</span></td><td><span class=\"badge v-").append(badge).append("\">")
                .append(escape(verdict)).append("</span> <a href=\"#").append(Claims.anchor(i)).append("\"><code>")
                .append(escape(c.id())).append("</code></a> <span class=\"note\">(").append(escape(Claims.verdictPhrase(c)))
                .append("; ").append(c.tries()).append(" experiment(s) decided")
                .append(c.tries() == 0 && c.discarded() > 0 ? ", " + c.discarded() + " undecided: the measurement and figure are the "
                        + "last undecided one's" : "").append(")</span><br>\n");
        Object measurement = c.statistics().get(MEASUREMENT);
        if (measurement != null) {
            h.append("<p class=\"measurement\">").append(escape(measurement.toString())).append("</p>\n");
        } else if (c.reason() != null) {
            h.append("<p class=\"measurement\">").append(escape(c.reason())).append("</p>\n");
        }
        Map<String, Object> measured = new TreeMap<>();
        c.statistics().forEach((k, v) -> {
            if (!ENGINE_STATISTICS.contains(k) && (v instanceof Number || v instanceof String || v instanceof Boolean)
                    && measured.size() < STATISTICS) {
                measured.put(k, v);
            }
        });
        if (!measured.isEmpty()) {
            h.append(ValueHtml.of(ResultsFiles.mapper().valueToTree(measured)));
        }
        Map<String, List<Series>> plots = Claims.plots(c);
        boolean first = true;
        for (Map.Entry<String, List<Series>> p : plots.entrySet()) {
            boolean papers = p.getValue().stream().anyMatch(s -> Series.PAPER.equals(s.role()));
            if (first || papers) {
                h.append(PlotSvg.figure(p.getKey(), p.getValue(), "plot-thumb"));
            }
            first = false;
        }
        h.append("</td></tr>\n");
    }
}
