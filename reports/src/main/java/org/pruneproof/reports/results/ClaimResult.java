package org.pruneproof.reports.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one claim in one run, as written to {@code results.json}.
 *
 * @param id                 claim id, e.g. {@code ye2020.realizable-rate}
 * @param title              one-line title
 * @param statement          the statement in TeX
 * @param paper              paper key ({@code ye2020}, …)
 * @param paperTitle         full reference of the paper
 * @param theorem            theorem, section or note the statement comes from
 * @param provenance         {@code derived} | {@code paper} | {@code conjecture}
 * @param constantsVerified  false when constants are recalled, not verified (shown "unverified")
 * @param hypotheses         which instances the claim speaks about
 * @param tolerance          the tolerance used, in words
 * @param expected           {@code holds} | {@code falsified} | {@code open}
 * @param verdict            {@code HOLDS} | {@code FALSIFIED} | {@code INCONCLUSIVE}
 * @param agrees             whether the verdict agrees with the expectation (always true for open)
 * @param reason             why the verdict (stop reason, failure message, inconclusive cause)
 * @param tries              instances checked (not discarded)
 * @param discarded          instances discarded because they failed the hypotheses
 * @param storedReplayed     stored counterexamples replayed before generation
 * @param worstRatio         largest value/bound over the checked instances (null when none)
 * @param ratios             distribution of the ratios (null when none)
 * @param seed               the claim's seed in this run
 * @param replay             command that replays the failing (or worst) instance
 * @param counterexample     the shrunk counterexample (null when none)
 * @param durationMs         wall-clock time spent on the claim
 * @param series             named series for plots (may be empty)
 * @param statistics         labelled numbers a reader needs (fitted slopes, fractions, counts)
 * @param reproduces         the paper's figure or qualitative claim this claim reproduces, in words;
 *                           null when none (and in results files written before the field existed)
 * @param passRateTest       for a statistical claim judged over experiments: how many failed and the binomial test
 *                           that decided the verdict; null for claims where every instance must pass
 * @param proof              the claim's proof (reference, Markdown text, named steps); null when it has none
 * @param lemmaOf            for the lemma of a proof step ({@code <id>.step-K}): the theorem's id; null otherwise
 * @param tightness          what the targeted search for the tightest instance found; null when it did not run
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClaimResult(
        String id, String title, String statement, String paper, String paperTitle, String theorem,
        String provenance, boolean constantsVerified, String hypotheses, String tolerance,
        String expected, String verdict, boolean agrees, String reason,
        int tries, int discarded, int storedReplayed, Double worstRatio, RatioSummary ratios,
        long seed, String replay, JsonNode counterexample, long durationMs,
        List<Series> series, Map<String, Object> statistics, String reproduces, PassRateTest passRateTest,
        ProofResult proof, String lemmaOf, Tightness tightness) {

    public ClaimResult {
        series = series == null ? List.of() : List.copyOf(series);
        statistics = statistics == null ? Map.of() : Map.copyOf(statistics);
    }

    /** A result without proof, lemma or targeted search (the form before they existed). */
    public ClaimResult(
            String id, String title, String statement, String paper, String paperTitle, String theorem,
            String provenance, boolean constantsVerified, String hypotheses, String tolerance,
            String expected, String verdict, boolean agrees, String reason,
            int tries, int discarded, int storedReplayed, Double worstRatio, RatioSummary ratios,
            long seed, String replay, JsonNode counterexample, long durationMs,
            List<Series> series, Map<String, Object> statistics, String reproduces, PassRateTest passRateTest) {
        this(id, title, statement, paper, paperTitle, theorem, provenance, constantsVerified, hypotheses,
                tolerance, expected, verdict, agrees, reason, tries, discarded, storedReplayed, worstRatio,
                ratios, seed, replay, counterexample, durationMs, series, statistics, reproduces, passRateTest, null, null, null);
    }

    /** This result with its proof, lemma link and targeted-search result. */
    public ClaimResult with(ProofResult newProof, String newLemmaOf, Tightness newTightness) {
        return new ClaimResult(id, title, statement, paper, paperTitle, theorem, provenance, constantsVerified, hypotheses,
                tolerance, expected, verdict, agrees, reason, tries, discarded, storedReplayed, worstRatio,
                ratios, seed, replay, counterexample, durationMs, series, statistics, reproduces, passRateTest,
                newProof, newLemmaOf, newTightness);
    }

    /** A result that reproduces no particular figure (the form before {@code reproduces} existed). */
    public ClaimResult(
            String id, String title, String statement, String paper, String paperTitle, String theorem,
            String provenance, boolean constantsVerified, String hypotheses, String tolerance,
            String expected, String verdict, boolean agrees, String reason,
            int tries, int discarded, int storedReplayed, Double worstRatio, RatioSummary ratios,
            long seed, String replay, JsonNode counterexample, long durationMs,
            List<Series> series, Map<String, Object> statistics) {
        this(id, title, statement, paper, paperTitle, theorem, provenance, constantsVerified, hypotheses,
                tolerance, expected, verdict, agrees, reason, tries, discarded, storedReplayed, worstRatio,
                ratios, seed, replay, counterexample, durationMs, series, statistics, null, null);
    }
}
