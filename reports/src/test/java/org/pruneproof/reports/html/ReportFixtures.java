package org.pruneproof.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.PassRateTest;
import org.pruneproof.reports.results.ProofResult;
import org.pruneproof.reports.results.RatioSummary;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunInfo;
import org.pruneproof.reports.results.RunResults;
import org.pruneproof.reports.results.Series;
import org.pruneproof.reports.results.Tightness;

/** Results to render in tests: every kind of claim, plot and value, and hostile strings. */
final class ReportFixtures {

    /** A string that runs a script if it reaches the page unescaped. */
    static final String HOSTILE = "\"'><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">&amp;";

    private ReportFixtures() {
    }

    static RunInfo run() {
        return new RunInfo("0.1.0-SNAPSHOT", "mvn verify", "OpenJDK 17", "Linux amd64", "Test CPU", 2, 4096,
                "reference (EJML)", 20201, "default", "abc1234", "2026-01-01T00:00:00Z", 12_345,
                Map.of("EJML", "0.46.1", "commons-math3", "3.6.1"));
    }

    /** Claims of every kind. */
    static RunResults rich() {
        List<ClaimResult> claims = new ArrayList<>();
        double[] n = {1, 2, 4, 8, 16, 32, 64};
        double[] loss = new double[n.length];
        double[] bound = new double[n.length];
        double[] fit = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            loss[i] = 0.8 / (n[i] * n[i]) + 0.01 / n[i];
            bound[i] = 1.0 / n[i];
            fit[i] = 0.9 * Math.pow(n[i], -1.8);
        }
        List<Series> rate = List.of(
                new Series("L_n against n", "greedy L_n", "measured", "n", "L_n", true, true, n, loss),
                new Series("L_n against n", "bound V/n", "bound", "n", "L_n", true, true, n, bound),
                new Series("L_n against n", "fit slope −1.8", "fit", "n", "L_n", true, true, n, fit),
                Series.measured("pruned vs trained", "pruned", "n", "loss", n, loss),
                Series.measured("pruned vs trained", "trained", "n", "loss", n, bound).withRole("reference"));
        claims.add(claim("ye2020.realizable-rate", "HOLDS", "holds", true, "derived", true, 1.0000000001, 500, 3,
                rate, Map.of("slope", -1.8, "intercept", 0.1, "generated", 503, "discardFraction", 3 / 503.0),
                null, "Fig. 1: the loss of the pruned network decays like $1/n^2$ in the realizable case"));

        ObjectNode cx = ResultsFiles.mapper().createObjectNode();
        ArrayNode phi = cx.putArray("phi");
        for (int r = 0; r < 3; r++) {
            ArrayNode row = phi.addArray();
            for (int c = 0; c < 4; c++) {
                row.add(0.5 * r - 0.25 * c + 1e-7);
            }
        }
        ArrayNode y = cx.putArray("y");
        for (int i = 0; i < 500; i++) {
            y.add(Math.sin(i));
        }
        cx.put("steps", 3);
        claims.add(claim("ye2020.monotone-loss", "FALSIFIED", "falsified", true, "conjecture", true, 1.25, 7, 0,
                List.of(Series.measured("L_n along the greedy path", "L_n", "n", "L_n", new double[] {1, 2, 3}, new double[] {0.5, 0.4, 0.45})),
                Map.of("violatedAt", 2), cx, null));

        double[] depth = {2, 4, 8, 16, 32};
        List<Series> phases = List.of(
                new Series("s_cr against depth by phase", "ordered", "measured", "depth L", "s_cr", false, false, depth, new double[] {0.9, 0.8, 0.6, 0.4, 0.2}),
                new Series("s_cr against depth by phase", "EOC", "measured", "depth L", "s_cr", false, false, depth, new double[] {0.95, 0.94, 0.93, 0.92, 0.91}),
                new Series("s_cr against depth by phase", "chaotic", "measured", "depth L", "s_cr", false, false, depth, new double[] {0.7, 0.5, Double.NaN, 0.2, 0.1}),
                new Series("s_cr against depth by phase", "theory", "bound", "depth L", "s_cr", false, false, depth, new double[] {1, 1, 1, 1, 1}),
                new Series("log m_l against l", "log m_l", "measured", "layer l", "log m_l", false, true, depth, new double[] {0, -1, 2, 3, Double.POSITIVE_INFINITY}));
        claims.add(withPassRateTest(claim("hayou2021.critical-sparsity", "HOLDS", "holds", true, "paper", false, 1.6, 40, 160,
                phases, Map.of("note", "recalled constant c = 0.5"), null,
                "Fig. 3: at the edge of chaos the critical sparsity does not fall with depth"),
                new PassRateTest(0.5, 0.01, 7, 40, 0.99999)));

        claims.add(claim("wolfe2021.threshold-log-m", "INCONCLUSIVE", "holds", true, "paper", true, null, 0, 0,
                List.of(new Series("threshold against log m", "t*", "measured", "log m", "iterations", false, false,
                        new double[] {Math.log(100), Math.log(1000)}, new double[] {Double.NaN, Double.NaN})),
                Map.of(), null, null));

        claims.add(claim("ye2020.contradiction", "FALSIFIED", "holds", false, "derived", true, Double.POSITIVE_INFINITY, 12, 1,
                List.of(), Map.of("worst", Double.NaN, "big", Double.POSITIVE_INFINITY), cx.deepCopy().put("text", HOSTILE), null));

        ObjectNode hostileCx = ResultsFiles.mapper().createObjectNode();
        hostileCx.put(HOSTILE, HOSTILE);
        hostileCx.putArray("strings").add(HOSTILE).add("NaN").add("Infinity");
        Map<String, Object> hostileStats = new LinkedHashMap<>();
        hostileStats.put(HOSTILE, HOSTILE);
        claims.add(ClaimResult.builder("evil.</script><b>" + HOSTILE).title("title " + HOSTILE)
                .statement("\\frac{1}{2} </script><script>window.__pwned=3</script> \\text{" + HOSTILE + "}")
                .paper("evil" + HOSTILE).paperTitle("paper " + HOSTILE).theorem("theorem " + HOSTILE)
                .provenance("conjecture" + HOSTILE).constantsVerified(false).hypotheses("hypotheses $x$ " + HOSTILE)
                .tolerance("tolerance " + HOSTILE).expected("open" + HOSTILE).verdict("HOLDS" + HOSTILE).agrees(true)
                .reason("reason " + HOSTILE).tries(1).discarded(0).storedReplayed(0).worstRatio(Double.NaN)
                .ratios(new RatioSummary(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[] {Double.NaN, 1}, new int[] {1}))
                .seed(1).replay("./pruneproof replay " + HOSTILE).counterexample(hostileCx).durationMs(5)
                .series(List.of(new Series("plot " + HOSTILE, "series " + HOSTILE, "role" + HOSTILE, "x " + HOSTILE, "y " + HOSTILE,
                        false, false, new double[] {1, 2}, new double[] {3, 4})))
                .statistics(hostileStats).reproduces("reproduces " + HOSTILE).build());
        return new RunResults(run(), claims);
    }

    static ClaimResult claim(String id, String verdict, String expected, boolean agrees, String provenance,
                             boolean constantsVerified, Double worstRatio, int tries, int discarded, List<Series> series,
                             Map<String, Object> statistics, JsonNode counterexample, String reproduces) {
        double[] ratios = new double[tries];
        for (int i = 0; i < tries; i++) {
            ratios[i] = worstRatio == null || !Double.isFinite(worstRatio) ? 0.5 : worstRatio * (i + 1) / tries;
        }
        String paper = id.substring(0, id.indexOf('.'));
        return ClaimResult.builder(id).title("Title of " + id)
                .statement("L_{n+1} \\le \\frac{n^2}{(n+1)^2} L_n + \\frac{V}{(n+1)^2}").paper(paper)
                .paperTitle("Authors, \"Paper " + paper + "\", Venue").theorem("Theorem 1").provenance(provenance)
                .constantsVerified(constantsVerified).hypotheses("every generated instance with $n \\ge 1$")
                .tolerance("relative 1e-9").expected(expected).verdict(verdict).agrees(agrees).reason("reason for " + id)
                .tries(tries).discarded(discarded).worstRatio(worstRatio).ratios(RatioSummary.of(ratios)).seed(42)
                .replay("./pruneproof replay " + id + " --seed 42 --size 3").counterexample(counterexample).durationMs(1234)
                .series(series).statistics(statistics).reproduces(reproduces).build();
    }

    /**
     * A derived theorem with its proof (Markdown with inline and display TeX, a numbered list, hostile HTML), two
     * lemmas (one holding, one falsified) and a step that is not computable.
     */
    static RunResults proofs() {
        String markdown = "## realizable-rate\n\n**Claim `ye2020.realizable-rate`.** If $y = g_\\alpha$ then\n"
                + "$$n L_n \\le V_\\alpha, \\qquad V_\\alpha = \\sum_i \\alpha_i \\|\\varphi_i - g_\\alpha\\|^2 .$$\n\n"
                + "**Proof.**\n\n1. *(lemma `ye2020.realizable-rate.step-1`)* A minimum is at most an average:\n"
                + "   $(n+1)^2 L_{n+1} \\le \\sum_i \\alpha_i \\|n(f_n - y) + \\varphi_i - y\\|^2$ with a_b_c *emphasis*.\n"
                + "2. *(not computable: a limit)* $\\lim_{n\\to\\infty} n L_n$ exists. See [notation](ye2020.md#setting-and-notation).\n"
                + "3. Hostile: " + HOSTILE + " <script>window.__pwned=4</script>\n";
        ProofResult proof = new ProofResult("docs/theory/ye2020.md#realizable-rate", markdown, List.of(
                new ProofResult.Step(1, "(n+1)^2 L_{n+1} \\le \\sum_i \\alpha_i \\|\\cdot\\|^2", "lemma", null,
                        "ye2020.realizable-rate.step-1"),
                new ProofResult.Step(2, "\\lim_{n\\to\\infty} n L_n", "not-computable", "a limit n → ∞", null),
                new ProofResult.Step(3, "L_1 \\le V_\\alpha", "lemma", null, "ye2020.realizable-rate.step-3")));
        ClaimResult theorem = claim("ye2020.realizable-rate", "HOLDS", "holds", true, "derived", true, 0.97, 100, 0,
                List.of(), Map.of(), null, null).toBuilder().proof(proof).tightness(new Tightness(0.81, 0.97, 1 / 0.97, 200, 12, 3,
                ResultsFiles.mapper().createObjectNode().put("steps", 4), "target/pruneproof/tight/ye2020.realizable-rate/x.json",
                "./pruneproof replay ye2020.realizable-rate --instance target/pruneproof/tight/ye2020.realizable-rate/x.json",
                "200 mutants checked")).build();
        ClaimResult lemma1 = claim("ye2020.realizable-rate.step-1", "HOLDS", "holds", true, "derived", true, 1.0, 60, 0,
                List.of(), Map.of(), null, null).toBuilder().proof(proof).lemmaOf("ye2020.realizable-rate").build();
        ClaimResult lemma3 = claim("ye2020.realizable-rate.step-3", "FALSIFIED", "holds", false, "derived", true, 1.5, 3, 0,
                List.of(), Map.of(), null, null).toBuilder().proof(proof).lemmaOf("ye2020.realizable-rate").build();
        return new RunResults(run(), List.of(theorem, lemma1, lemma3));
    }

    /** The same result judged over experiments by a pass-rate test. */
    static ClaimResult withPassRateTest(ClaimResult c, PassRateTest t) {
        return c.toBuilder().passRateTest(t).build();
    }
}
