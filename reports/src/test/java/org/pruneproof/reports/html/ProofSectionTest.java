package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pruneproof.reports.results.RunResults;

class ProofSectionTest {

    private static final RunResults PROOFS = ReportFixtures.proofs();
    private static final String HTML = HtmlReport.render(PROOFS);

    private static String section(String id) {
        int start = HTML.indexOf("data-claim-id=\"" + id + "\"", HTML.indexOf("<section id=\"details\">"));
        assertTrue(start > 0, "a section for " + id);
        return HTML.substring(start, HTML.indexOf("</section>", start));
    }

    @Test
    void theProofIsACollapsedBlockBesideTheVerdictWithItsMarkdownRendered() {
        String s = section("ye2020.realizable-rate");
        int verdict = s.indexOf("<dt>verdict</dt>");
        int proof = s.indexOf("<details class=\"proof\">");
        assertTrue(verdict > 0 && proof > verdict && proof < s.indexOf("<h4>Replay</h4>"), "the proof right after the facts");
        assertFalse(s.contains("<details class=\"proof\" open"), "collapsed until opened");
        assertTrue(s.contains("docs/theory/ye2020.md#realizable-rate"), "names where the proof is");
        assertTrue(s.contains("<ol>") && s.contains("<strong>Proof.</strong>") && s.contains("<em>emphasis</em>"),
                "Markdown rendered: numbered steps, bold, emphasis");
        assertTrue(s.contains("<span class=\"tex\">y = g_\\alpha</span>"), "inline TeX kept verbatim for KaTeX");
        assertTrue(s.contains("<span class=\"tex display\">n L_n \\le V_\\alpha, \\qquad V_\\alpha = \\sum_i \\alpha_i "
                + "\\|\\varphi_i - g_\\alpha\\|^2 .</span>"), "display TeX untouched by Markdown (no escapes eaten)");
        assertTrue(s.contains("(n+1)^2 L_{n+1} \\le \\sum_i \\alpha_i \\|n(f_n - y) + \\varphi_i - y\\|^2</span>"),
                "inline TeX over a line break; underscores not read as emphasis");
        assertTrue(s.contains("<span class=\"doc-link\" title=\"ye2020.md#setting-and-notation\">notation</span>"), s.substring(s.indexOf("proof-text")) + "\n" +
                "links between proof documents shown as text");
        assertFalse(s.contains("<script>window.__pwned=4</script>"), "raw HTML in a proof is escaped");
        assertTrue(s.contains("&lt;script&gt;window.__pwned=4&lt;/script&gt;"), s);
    }

    @Test
    void theTheoremListsItsStepsWithTheLemmasVerdictsAndMarksTheStepThatIsNotComputable() {
        String s = section("ye2020.realizable-rate");
        String table = s.substring(s.indexOf("<table class=\"steps\">"), s.indexOf("</table>", s.indexOf("<table class=\"steps\">")));
        assertEquals(3, table.split("<tr><td>").length - 1, "one row per named step");
        assertTrue(table.contains("HOLDS, as expected</span> <a href=\"#claim-1\"><code>ye2020.realizable-rate.step-1</code></a>"), table);
        assertTrue(table.contains("v-contradicts\">FALSIFIED — contradicts the expectation &quot;holds&quot;</span> <a href=\"#claim-2\"><code>ye2020.realizable-rate.step-3"),
                "a broken step shows where the proof breaks: " + table);
        assertTrue(table.contains("<span class=\"badge not-computable\">not computable</span> a limit n → ∞"), table);
        String lemma = section("ye2020.realizable-rate.step-1");
        assertTrue(lemma.contains("A step of the proof of <a href=\"#claim-0\"><code>ye2020.realizable-rate</code></a>"), lemma);
        assertFalse(lemma.contains("<table class=\"steps\">"), "a lemma does not list the steps again");
    }

    @Test
    void theTightnessBlockShowsRandomAndTargetedBestTheSlackAndTheTightInstance() {
        String s = section("ye2020.realizable-rate");
        assertTrue(s.contains("random phase, best ratio</th><td>0.81</td>"), s);
        assertTrue(s.contains("targeted search, best ratio</th><td><b>0.97</b> (200 mutants, 12 improvements, 3 outside the hypotheses)"), s);
        assertTrue(s.contains("slack of the bound</th><td>1.031"), s);
        assertTrue(s.contains("./pruneproof replay ye2020.realizable-rate --instance target/pruneproof/tight/ye2020.realizable-rate/x.json"), s);
        assertTrue(s.contains("tightest instance</summary>"), s);
    }
}
