package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ProofResult;

/**
 * The proof of a claim in its section of the report: a collapsible block with the proof's text (Markdown and TeX
 * from {@code docs/theory}, carried by {@code results.json}), and the table of its named steps, each with the
 * verdict of its lemma claim {@code <id>.step-K} or the mark "not computable" and why. A lemma's own section links
 * back to its theorem.
 */
final class ProofSection {

    private ProofSection() {
    }

    /** The section without its own heading line (the anchor name; the summary already names the proof). */
    static String withoutHeading(String markdown) {
        return markdown.startsWith("#") && markdown.indexOf('\n') > 0 ? markdown.substring(markdown.indexOf('\n') + 1) : markdown;
    }

    /**
     * Writes the proof block of {@code c}.
     *
     * @param byId the position in the report of every claim, by id (to link and show the lemmas' verdicts)
     * @param all  the claims of the report, in report order
     */
    static void write(StringBuilder h, ClaimResult c, Map<String, Integer> byId, java.util.List<ClaimResult> all) {
        if (c.lemmaOf() != null) {
            Integer t = byId.get(c.lemmaOf());
            h.append("<p class=\"lemma-of\">A step of the proof of ")
                    .append(t == null ? "<code>" + escape(c.lemmaOf()) + "</code> (not in this run)"
                            : "<a href=\"#" + Claims.anchor(t) + "\"><code>" + escape(c.lemmaOf()) + "</code></a>")
                    .append(", checked on its instances.</p>\n");
        }
        ProofResult p = c.proof();
        if (p == null) {
            return;
        }
        if (c.lemmaOf() == null && !p.steps().isEmpty()) {
            h.append("<h4>Proof steps</h4>\n<table class=\"steps\">\n<thead><tr><th>step</th><th>statement</th><th>check</th></tr></thead>\n<tbody>\n");
            for (ProofResult.Step s : p.steps()) {
                h.append("<tr><td>").append(s.number()).append("</td><td><span class=\"tex\">").append(escape(s.statement()))
                        .append("</span></td><td>");
                if (s.lemmaId() == null) {
                    h.append("<span class=\"badge not-computable\">not computable</span> ").append(escape(Claims.nz(s.note())));
                } else {
                    Integer k = byId.get(s.lemmaId());
                    if (k == null) {
                        h.append("<span class=\"badge v-inconclusive\">not run</span> <code>").append(escape(s.lemmaId())).append("</code>");
                    } else {
                        ClaimResult lemma = all.get(k);
                        h.append("<span class=\"badge v-").append(Claims.outcome(lemma)).append("\">")
                                .append(escape(Claims.verdictPhrase(lemma))).append("</span> <a href=\"#").append(Claims.anchor(k))
                                .append("\"><code>").append(escape(s.lemmaId())).append("</code></a> ").append(lemma.tries())
                                .append(" tries, worst ratio ").append(escape(Numbers.ratio(lemma.worstRatio())));
                    }
                }
                h.append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<details class=\"proof\"><summary>Proof <span class=\"note\">(").append(escape(p.ref()))
                .append(")</span></summary>\n<div class=\"proof-text\">").append(MarkdownHtml.render(withoutHeading(Claims.nz(p.markdown()))))
                .append("</div>\n</details>\n");
    }
}
