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
 * @param durationMs         time spent on the claim's own work (in a parallel run, summed over the workers that ran its parts)
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
        // Insertion order is kept (Map.copyOf's order changes from one JVM to the next), so that the same run writes the same bytes.
        statistics = statistics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statistics));
    }

    /** A builder for the result of the claim {@code id}: every field by name, unset ones null, 0 or false. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder holding every field of this result (to change a few). */
    public Builder toBuilder() {
        return new Builder(id).title(title).statement(statement).paper(paper).paperTitle(paperTitle).theorem(theorem)
                .provenance(provenance).constantsVerified(constantsVerified).hypotheses(hypotheses).tolerance(tolerance)
                .expected(expected).verdict(verdict).agrees(agrees).reason(reason).tries(tries).discarded(discarded)
                .storedReplayed(storedReplayed).worstRatio(worstRatio).ratios(ratios).seed(seed).replay(replay)
                .counterexample(counterexample).durationMs(durationMs).series(series).statistics(statistics)
                .reproduces(reproduces).passRateTest(passRateTest).proof(proof).lemmaOf(lemmaOf).tightness(tightness);
    }

    /** Builds a {@link ClaimResult} field by field (the record's components, same names and meaning). */
    public static final class Builder {
        private final String id;
        private String title;
        private String statement;
        private String paper;
        private String paperTitle;
        private String theorem;
        private String provenance;
        private boolean constantsVerified;
        private String hypotheses;
        private String tolerance;
        private String expected;
        private String verdict;
        private boolean agrees;
        private String reason;
        private int tries;
        private int discarded;
        private int storedReplayed;
        private Double worstRatio;
        private RatioSummary ratios;
        private long seed;
        private String replay;
        private JsonNode counterexample;
        private long durationMs;
        private List<Series> series;
        private Map<String, Object> statistics;
        private String reproduces;
        private PassRateTest passRateTest;
        private ProofResult proof;
        private String lemmaOf;
        private Tightness tightness;

        private Builder(String id) {
            this.id = java.util.Objects.requireNonNull(id, "id");
        }

        public Builder title(String v) { title = v; return this; }
        public Builder statement(String v) { statement = v; return this; }
        public Builder paper(String v) { paper = v; return this; }
        public Builder paperTitle(String v) { paperTitle = v; return this; }
        public Builder theorem(String v) { theorem = v; return this; }
        public Builder provenance(String v) { provenance = v; return this; }
        public Builder constantsVerified(boolean v) { constantsVerified = v; return this; }
        public Builder hypotheses(String v) { hypotheses = v; return this; }
        public Builder tolerance(String v) { tolerance = v; return this; }
        public Builder expected(String v) { expected = v; return this; }
        public Builder verdict(String v) { verdict = v; return this; }
        public Builder agrees(boolean v) { agrees = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder tries(int v) { tries = v; return this; }
        public Builder discarded(int v) { discarded = v; return this; }
        public Builder storedReplayed(int v) { storedReplayed = v; return this; }
        public Builder worstRatio(Double v) { worstRatio = v; return this; }
        public Builder ratios(RatioSummary v) { ratios = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder replay(String v) { replay = v; return this; }
        public Builder counterexample(JsonNode v) { counterexample = v; return this; }
        public Builder durationMs(long v) { durationMs = v; return this; }
        public Builder series(List<Series> v) { series = v; return this; }
        public Builder statistics(Map<String, Object> v) { statistics = v; return this; }
        public Builder reproduces(String v) { reproduces = v; return this; }
        public Builder passRateTest(PassRateTest v) { passRateTest = v; return this; }
        public Builder proof(ProofResult v) { proof = v; return this; }
        public Builder lemmaOf(String v) { lemmaOf = v; return this; }
        public Builder tightness(Tightness v) { tightness = v; return this; }

        public ClaimResult build() {
            return new ClaimResult(id, title, statement, paper, paperTitle, theorem, provenance, constantsVerified, hypotheses,
                    tolerance, expected, verdict, agrees, reason, tries, discarded, storedReplayed, worstRatio, ratios, seed,
                    replay, counterexample, durationMs, series, statistics, reproduces, passRateTest, proof, lemmaOf, tightness);
        }
    }
}
