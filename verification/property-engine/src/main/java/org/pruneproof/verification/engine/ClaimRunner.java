package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.PassRateTest;
import org.pruneproof.reports.results.RatioSummary;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Series;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Verdict;
import org.pruneproof.verification.proof.LemmaClaim;
import org.pruneproof.verification.proof.ProofDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one claim: replays its stored counterexamples, then generates instances from the claim's
 * seed until the budget is spent or a counterexample is found, shrinks that counterexample to a
 * minimal one, stores it, and summarises everything as a {@link ClaimResult}.
 *
 * <p>A claim judged over experiments by a pass rate ({@link Acceptance#passRate}) runs all its experiments (or stops
 * once the failures already falsify it whatever the rest give), and is falsified only by the binomial test; its
 * first failing experiment is then shrunk and reported, but not stored, since one failing experiment does not
 * falsify it (the run is reproduced from the run's seed and budget instead). Stored entries of such a claim are
 * replayed and counted, and do not decide its verdict.
 */
public final class ClaimRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRunner.class);
    private static final long PROGRESS_EVERY_MS = 10_000;

    private final RunConfig config;
    private final CounterexampleStore store;

    public ClaimRunner(RunConfig config) {
        this(config, new CounterexampleStore(config.storeDir()));
    }

    public ClaimRunner(RunConfig config, CounterexampleStore store) {
        this.config = config;
        this.store = store;
    }

    /** The command that replays one instance of a claim. */
    public static String replayCommand(String id, long seed, int size) {
        return "./pruneproof replay " + id + " --seed " + seed + " --size " + size;
    }

    /** Runs the claim under this run's configuration. */
    public <I> ClaimResult run(Claim<I> claim) {
        long start = System.nanoTime();
        ClaimSpec spec = claim.spec();
        Budget budget = config.effective(spec.budget());
        long claimSeed = Seeds.forClaim(config.seed(), spec.seedId());
        InstanceCodec<I> codec = new InstanceCodec<>(claim);
        Acceptance acceptance = spec.acceptance();
        Tally<I> tally = new Tally<>();

        // 1. Replay stored counterexamples first.
        List<String> problems = new ArrayList<>();
        List<CounterexampleStore.Entry> stored = store.load(spec.id(), problems);
        for (CounterexampleStore.Entry e : stored) {
            I instance;
            try {
                instance = codec.decode(e.instance());
            } catch (IllegalArgumentException ex) {
                problems.add(e.file() + ": " + ex.getMessage());
                continue;
            }
            Outcome o = evaluate(claim, instance);
            if (o instanceof Outcome.Checked c && !c.holds()) {
                tally.storedFailing++;
                if (tally.storedFailure == null) {
                    tally.storedFailure = new Failure<>(instance, c, "stored " + relative(e.file()),
                            e.json().path("seed").asLong(), e.json().path("size").asInt(), 0);
                }
            }
        }
        for (String p : problems) {
            LOG.warn("{}: stored counterexample skipped: {}", spec.id(), p);
        }

        // 2. Generate and check.
        Gen<I> gen = claim.instances();
        long deadline = start + budget.time().toNanos();
        long lastProgress = System.currentTimeMillis();
        String stopReason = "budget of " + budget.tries() + " tries spent";
        int k = 0;
        int maxAttempts = budget.tries() * 20;
        while (tally.failure == null && tally.tries < budget.tries()) {
            if (System.nanoTime() > deadline) {
                stopReason = "time budget of " + budget.time().toSeconds() + " s ran out";
                break;
            }
            if (k >= maxAttempts) {
                stopReason = "gave up after " + k + " generated instances";
                break;
            }
            long seed = Seeds.forInstance(claimSeed, k);
            int size = Seeds.sizeFor(k, Gen.MAX_SIZE);
            k++;
            I instance;
            try {
                instance = gen.generate(new SplittableRandom(seed), size);
            } catch (RuntimeException ex) {
                tally.failure = new Failure<>(null, Outcome.fails(Double.NaN, "generator threw " + ex), "search", seed, size, 0);
                break;
            }
            Outcome o = evaluate(claim, instance);
            if (o instanceof Outcome.Discarded d) {
                tally.discarded++;
                tally.discardReasons.merge(d.reason(), 1, Integer::sum);
                continue;
            }
            Outcome.Checked c = (Outcome.Checked) o;
            tally.record(c, seed, size, instance);
            if (!c.holds()) {
                if (acceptance.isEveryInstance()) {
                    tally.failure = shrink(claim, instance, c, seed, size, budget);
                } else {
                    tally.failed++;
                    if (tally.firstFailed == null) {
                        tally.firstFailed = new Failure<>(instance, c, "search", seed, size, 0);
                    }
                    if (acceptance.rejects(tally.failed, budget.tries())) {
                        stopReason = String.format(Locale.ROOT, "stopped after %d of %d experiments: %d failures falsify the "
                                + "claimed pass rate whatever the others give", tally.tries, budget.tries(), tally.failed);
                        break;
                    }
                }
            }
            if (System.currentTimeMillis() - lastProgress > PROGRESS_EVERY_MS) {
                lastProgress = System.currentTimeMillis();
                LOG.info("{}: {} of {} instances checked, {} discarded", spec.id(), tally.tries, budget.tries(), tally.discarded);
            }
        }

        // 2b. The targeted phase, for a claim whose spec asks for it: hill climbing from the tightest random instances.
        TargetedSearch.PhaseResult<I> targeted = acceptance.isEveryInstance() ? TargetedSearch.afterRandomPhase(claim, codec,
                tally.tightest, budget, claimSeed, config.outputDir().resolve("tight"),
                spec.provenance().kind() == org.pruneproof.theory.Provenance.Kind.DERIVED, this::relative) : null;
        if (targeted != null && targeted.failure() != null && tally.failure == null) {
            Failure<I> f = shrink(claim, targeted.failure(), targeted.failureOutcome(), claimSeed, 0, budget);
            tally.failure = new Failure<>(f.instance, f.outcome, "targeted search", f.seed, f.size, f.shrinkSteps);
        }

        // A pass-rate claim: the binomial test over the experiments decides.
        PassRateTest passRateTest = null;
        if (!acceptance.isEveryInstance()) {
            passRateTest = new PassRateTest(acceptance.passRate(), acceptance.significance(), tally.failed, tally.tries,
                    acceptance.pValue(tally.failed, tally.tries));
            if (passRateTest.rejected()) {
                Failure<I> first = tally.firstFailed;
                tally.failure = shrink(claim, first.instance, first.outcome, first.seed, first.size, budget);
            }
        }

        // A stored counterexample still failing falsifies a claim about every instance even when the search found none.
        boolean searchFound = tally.failure != null;
        if (!searchFound && tally.storedFailure != null && acceptance.isEveryInstance()) {
            tally.failure = tally.storedFailure;
        }

        // 3. Verdict.
        Verdict verdict;
        String reason;
        double discardFraction = (tally.tries + tally.discarded) == 0 ? 0
                : (double) tally.discarded / (tally.tries + tally.discarded);
        if (tally.failure != null && passRateTest != null && passRateTest.rejected()) {
            verdict = Verdict.FALSIFIED;
            reason = passRateWords(passRateTest) + "; first failing experiment (" + tally.failure.source + "): "
                    + tally.failure.outcome.message();
        } else if (tally.failure != null) {
            verdict = Verdict.FALSIFIED;
            reason = "counterexample (" + tally.failure.source + "): " + tally.failure.outcome.message();
        } else if (tally.tries < budget.minTries()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "only %d of the required %d instances checked (%s; %d discarded%s)",
                    tally.tries, budget.minTries(), stopReason, tally.discarded, topDiscard(tally));
        } else if (passRateTest != null && !acceptance.rejects(tally.tries, tally.tries)) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "only %d experiments checked: even all of them failing could not falsify "
                    + "\"%s\" (%s); give it more tries", tally.tries, acceptance.describe(), stopReason);
        } else if (discardFraction > budget.maxDiscardFraction()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "hypotheses discarded %.0f%% of instances (limit %.0f%%)%s",
                    100 * discardFraction, 100 * budget.maxDiscardFraction(), topDiscard(tally));
        } else {
            verdict = Verdict.HOLDS;
            reason = stopReason + "; " + (tally.worst == null ? "" : tally.worst.message());
            if (passRateTest != null && passRateTest.failed() > 0) {
                reason = passRateWords(passRateTest) + "; " + reason;
            }
        }
        if (discardFraction > 0.5 && verdict != Verdict.INCONCLUSIVE) {
            reason = String.format(Locale.ROOT, "WARNING: hypotheses discarded %.0f%% of instances%s. ",
                    100 * discardFraction, topDiscard(tally)) + reason;
        }

        JsonNode counterexample = null;
        String replay;
        List<Series> series = tally.worst == null ? List.of() : tally.worst.series();
        if (tally.failure != null) {
            counterexample = counterexampleJson(codec, tally.failure);
            replay = "targeted search".equals(tally.failure.source) ? "./pruneproof check " + spec.id()
                    + "    # replays the stored counterexample first" : replayCommand(spec.id(), tally.failure.seed, tally.failure.size);
            series = tally.failure.outcome.series().isEmpty() ? series : tally.failure.outcome.series();
            if (tally.failure.instance != null && acceptance.isEveryInstance()) {
                store.save(spec.id(), codec.encode(tally.failure.instance), tally.failure.outcome.message(),
                        tally.failure.seed, tally.failure.size);
            }
        } else if (tally.worst != null) {
            replay = replayCommand(spec.id(), tally.worstSeed, tally.worstSize);
        } else {
            replay = "./pruneproof check " + spec.id();
        }

        if (!tally.pooled.isEmpty()) {
            List<Series> all = new ArrayList<>();
            series.stream().filter(s -> !Series.EXPERIMENTS.equals(s.role())).forEach(all::add);
            all.addAll(tally.pooled.values());
            series = all;
        }

        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("generated", k);
        statistics.put("discardFraction", discardFraction);
        if (!tally.discardReasons.isEmpty()) {
            statistics.put("discardReasons", tally.discardReasons);
        }
        if (tally.worst != null) {
            statistics.putAll(tally.worst.details());
        }
        statistics.put("storedFailing", tally.storedFailing);
        if (tally.failure != null) {
            statistics.put("foundBySearch", searchFound);
        }
        if (!problems.isEmpty()) {
            statistics.put("storeProblems", problems);
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        double[] ratios = tally.ratios.stream().mapToDouble(Double::doubleValue).toArray();
        Double worstRatio = tally.worst == null ? null : finiteOrNull(tally.worstRatio);
        if (tally.failure != null && Double.isFinite(tally.failure.outcome.ratio())) {
            worstRatio = tally.failure.outcome.ratio();
        }
        return new ClaimResult(spec.id(), spec.title(), spec.statement(), spec.paper().key(),
                spec.paper().authors() + ", \"" + spec.paper().title() + "\", " + spec.paper().venue()
                        + ", " + spec.paper().reference(),
                spec.provenance().citation(), spec.provenance().kind().label(), spec.provenance().constantsVerified(),
                spec.hypotheses(), spec.tolerance(), spec.expected().label(), verdict.name(),
                !verdict.contradicts(spec.expected()), reason, tally.tries, tally.discarded, stored.size(),
                worstRatio, RatioSummary.of(ratios), claimSeed, replay, counterexample, durationMs, series, statistics,
                spec.reproduces(), passRateTest)
                .with(ProofDocuments.resultFor(spec), claim instanceof LemmaClaim<?> l ? l.theorem().spec().id() : null,
                        targeted == null ? null : targeted.tightness());
    }

    /** The pass-rate test in words: how many experiments failed and what the test concludes. */
    static String passRateWords(PassRateTest t) {
        return String.format(Locale.ROOT, "%d of %d experiments failed their check; p = P(Bin(%d, %.3g) ≥ %d) = %.3g %s %.3g: %s",
                t.failed(), t.checked(), t.checked(), 1 - t.passRate(), t.failed(), t.pValue(), t.rejected() ? "≤" : ">",
                t.significance(), t.rejected() ? "the claimed pass rate " + t.passRate() + " is rejected"
                        : "consistent with the claimed pass rate " + t.passRate());
    }

    /** Generates the instance of (seed, size), checks it, and shrinks it if it fails. */
    public <I> Replay<I> replay(Claim<I> claim, long seed, int size) {
        I instance = claim.instances().generate(new SplittableRandom(seed), size);
        Outcome o = evaluate(claim, instance);
        if (o instanceof Outcome.Checked c && !c.holds()) {
            Failure<I> f = shrink(claim, instance, c, seed, size, config.effective(claim.spec().budget()));
            return new Replay<>(instance, o, f.instance, f.outcome, f.shrinkSteps,
                    counterexampleJson(new InstanceCodec<>(claim), f));
        }
        return new Replay<>(instance, o, null, null, 0, null);
    }

    /**
     * Checks a stored instance (a tightest instance, a counterexample: the file's {@code instance} field, or the whole
     * JSON), and shrinks it if it fails.
     *
     * @throws IllegalArgumentException naming the problem when the JSON does not decode as the claim's instance
     */
    public <I> Replay<I> replayInstance(Claim<I> claim, JsonNode json) {
        InstanceCodec<I> codec = new InstanceCodec<>(claim);
        I instance = codec.decode(json.has("instance") ? json.get("instance") : json);
        Outcome o = evaluate(claim, instance);
        if (o instanceof Outcome.Checked c && !c.holds()) {
            Failure<I> f = shrink(claim, instance, c, 0, 0, config.effective(claim.spec().budget()));
            return new Replay<>(instance, o, f.instance, f.outcome, f.shrinkSteps, counterexampleJson(codec, f));
        }
        return new Replay<>(instance, o, null, null, 0, null);
    }

    /** What a replay found: the instance and its outcome, and the shrunk counterexample if it failed. */
    public record Replay<I>(I instance, Outcome outcome, I shrunk, Outcome.Checked shrunkOutcome,
                            int shrinkSteps, JsonNode counterexample) {
    }

    private static <I> Outcome evaluate(Claim<I> claim, I instance) {
        try {
            Outcome o = claim.check(instance);
            if (o == null) {
                return Outcome.fails(Double.NaN, "check returned null");
            }
            return o;
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fails(Double.NaN, "check threw " + e);
        }
    }

    private <I> Failure<I> shrink(Claim<I> claim, I instance, Outcome.Checked outcome, long seed, int size, Budget budget) {
        long deadline = System.nanoTime() + Math.max(budget.time().toNanos(), 30_000_000_000L);
        I current = instance;
        Outcome.Checked currentOutcome = outcome;
        int steps = 0;
        int evaluations = 0;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline && evaluations < 20_000) {
            progress = false;
            var it = claim.shrinker().candidates(current).iterator();
            while (it.hasNext() && System.nanoTime() < deadline && evaluations < 20_000) {
                I candidate = it.next();
                evaluations++;
                Outcome o = evaluate(claim, candidate);
                if (o instanceof Outcome.Checked c && !c.holds()) {
                    current = candidate;
                    currentOutcome = c;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        LOG.info("{}: counterexample shrunk in {} steps ({} candidates tried)", claim.spec().id(), steps, evaluations);
        return new Failure<>(current, currentOutcome, "search", seed, size, steps);
    }

    private static <I> JsonNode counterexampleJson(InstanceCodec<I> codec, Failure<I> f) {
        ObjectNode node = ResultsFiles.mapper().createObjectNode();
        node.put("source", f.source);
        node.put("seed", f.seed);
        node.put("size", f.size);
        node.put("shrinkSteps", f.shrinkSteps);
        node.put("message", f.outcome.message());
        if (f.instance != null) {
            node.set("instance", codec.encode(f.instance));
        }
        if (!f.outcome.details().isEmpty()) {
            node.set("details", ResultsFiles.mapper().valueToTree(f.outcome.details()));
        }
        return node;
    }

    private String relative(java.nio.file.Path file) {
        try {
            return config.root().toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static Double finiteOrNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String topDiscard(Tally<?> t) {
        return t.discardReasons.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> "; most often: " + e.getKey()).orElse("");
    }

    private record Failure<I>(I instance, Outcome.Checked outcome, String source, long seed, int size, int shrinkSteps) {
    }

    private static final class Tally<I> {
        int tries;
        int discarded;
        final Map<String, Integer> discardReasons = new LinkedHashMap<>();
        final List<Double> ratios = new ArrayList<>();
        Outcome.Checked worst;
        double worstRatio = Double.NEGATIVE_INFINITY;
        long worstSeed;
        int worstSize;
        Failure<I> failure;
        Failure<I> storedFailure;
        int storedFailing;
        int failed;
        Failure<I> firstFailed;

        /** Series with role {@link Series#EXPERIMENTS}, pooled over every checked instance, by plot and name. */
        final Map<String, Series> pooled = new LinkedHashMap<>();

        /** The tightest instances so far (at most {@link #TIGHTEST}), tightest first: the targeted phase's starts. */
        final List<TargetedSearch.Start<I>> tightest = new ArrayList<>();
        static final int TIGHTEST = 5;

        void record(Outcome.Checked c, long seed, int size, I instance) {
            tries++;
            if (!Double.isNaN(c.ratio())) {
                int at = 0;
                while (at < tightest.size() && tightest.get(at).ratio() >= c.ratio()) {
                    at++;
                }
                if (at < TIGHTEST) {
                    tightest.add(at, new TargetedSearch.Start<>(instance, c.ratio()));
                    if (tightest.size() > TIGHTEST) {
                        tightest.remove(TIGHTEST);
                    }
                }
            }
            for (Series s : c.series()) {
                if (Series.EXPERIMENTS.equals(s.role())) {
                    pooled.merge(s.plot() + "\u0000" + s.name(), s, Series::append);
                }
            }
            ratios.add(c.ratio());
            if (worst == null || c.ratio() > worstRatio || (Double.isNaN(worstRatio) && !Double.isNaN(c.ratio()))) {
                worst = c;
                worstRatio = c.ratio();
                worstSeed = seed;
                worstSize = size;
            }
        }
    }
}
