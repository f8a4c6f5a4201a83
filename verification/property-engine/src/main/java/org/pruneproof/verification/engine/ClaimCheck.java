package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.PassRateTest;
import org.pruneproof.reports.results.RatioSummary;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.proof.LemmaClaim;
import org.pruneproof.verification.proof.ProofDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checking one claim, phase by phase:
 * <ol>
 *   <li>{@link #replayStored()}: replay the stored counterexamples (counted; they decide the verdict only of a claim
 *       about every instance, and only when the search finds no failure);</li>
 *   <li>the random phase: {@link #evaluate(int)} generates instance k from its own seed and checks it (safe to call
 *       from any thread, in any order), and {@link #accept(Evaluation)} takes the evaluations in the order of k until
 *       {@link #searchDone()}: the tries are spent, a failure decides, the pass rate is already rejected, the time
 *       budget or the attempts run out;</li>
 *   <li>{@link #finish()}: shrink the deciding failure, run the targeted search for the tightest instance, apply the
 *       pass-rate test, decide the verdict ({@link VerdictRule}), store a new counterexample and map everything to a
 *       {@link ClaimResult}.</li>
 * </ol>
 * Because the search takes evaluations strictly in the order of k and every instance comes from its own seed, the
 * result is the same however the evaluations were scheduled (one thread, or many with {@link ParallelRun}); only
 * timings differ. The time budget and the result's duration count the time spent on the claim's own work (summed over
 * the workers that ran its parts), not time spent waiting for a worker.
 */
final class ClaimCheck<I> {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimCheck.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final Claim<I> claim;
    private final ClaimSpec spec;
    private final Budget budget;
    private final Acceptance acceptance;
    private final long claimSeed;
    private final InstanceCodec<I> codec;
    private final InstanceSequence<I> sequence;
    private final RunConfig config;
    private final CounterexampleStore store;
    private final ReplayCommands commands;
    private final int maxAttempts;

    private final Tally<I> tally = new Tally<>();
    private final List<String> storeProblems = new ArrayList<>();
    private int storedCount;
    private int generated;
    private long busyNanos;
    private long lastProgress = System.nanoTime();
    private boolean stopped;
    private String stopReason;

    ClaimCheck(Claim<I> claim, RunConfig config, CounterexampleStore store, ReplayCommands commands) {
        this.claim = claim;
        this.spec = claim.spec();
        this.budget = config.effective(spec.budget());
        this.acceptance = spec.acceptance();
        this.claimSeed = Seeds.forClaim(config.seed(), spec.seedId());
        this.codec = new InstanceCodec<>(claim);
        this.sequence = new InstanceSequence<>(claim.instances(), claimSeed, budget.maxSize());
        this.config = config;
        this.store = store;
        this.commands = commands;
        this.maxAttempts = budget.attemptLimit();
        this.stopReason = "budget of " + budget.tries() + " tries spent";
    }

    String id() {
        return spec.id();
    }

    Budget budget() {
        return budget;
    }

    // ---- 1. stored counterexamples ----

    /** Replays every stored counterexample of the claim; entries that no longer decode are reported, not fatal. */
    void replayStored() {
        long t0 = System.nanoTime();
        List<CounterexampleStore.Entry> stored = store.load(spec.id(), storeProblems);
        storedCount = stored.size();
        for (CounterexampleStore.Entry e : stored) {
            I instance;
            try {
                instance = codec.decode(e.instance());
            } catch (IllegalArgumentException ex) {
                storeProblems.add(e.file() + ": " + ex.getMessage());
                continue;
            }
            if (Checks.evaluate(claim, instance) instanceof Outcome.Checked c && !c.holds()) {
                tally.storedFailing++;
                if (tally.storedFailure == null) {
                    tally.storedFailure = new Failure<>(instance, c, "stored " + relative(e.file()),
                            e.json().path("seed").asLong(), e.json().path("size").asInt(), 0);
                }
            }
        }
        for (String p : storeProblems) {
            LOG.warn("{}: stored counterexample skipped: {}", spec.id(), p);
        }
        busyNanos += System.nanoTime() - t0;
    }

    // ---- 2. the random phase ----

    /** Generates instance k from its own seed and checks it. Reads no search state: any thread, any order. */
    Evaluation<I> evaluate(int k) {
        long t0 = System.nanoTime();
        long seed = sequence.seed(k);
        int size = sequence.size(k);
        I instance;
        try {
            instance = sequence.at(k);
        } catch (RuntimeException ex) {
            return new Evaluation<>(k, seed, size, null, null, ex, System.nanoTime() - t0);
        }
        Outcome o = Checks.evaluate(claim, instance);
        return new Evaluation<>(k, seed, size, instance, o, null, System.nanoTime() - t0);
    }

    /** How many instances the search has taken so far: the index of the next one it takes. */
    int generated() {
        return generated;
    }

    /** Whether the search is over; checked before each instance is taken. */
    boolean searchDone() {
        if (stopped || tally.failure != null || tally.tries >= budget.tries()) {
            return true;
        }
        if (busyNanos > budget.time().toNanos()) {
            stopReason = "time budget of " + budget.time().toSeconds() + " s ran out";
            stopped = true;
        } else if (generated >= maxAttempts) {
            stopReason = "gave up after " + generated + " generated instances";
            stopped = true;
        }
        return stopped;
    }

    /**
     * Whether an instance beyond the {@code pending} ones already being evaluated might still be taken (a hint for
     * evaluating ahead; taking decides).
     */
    boolean mayTakeMore(int pending) {
        return tally.failure == null && !stopped && generated + pending < maxAttempts && tally.tries + pending < budget.tries()
                && busyNanos <= budget.time().toNanos();
    }

    /** Takes the next evaluation (its k must be {@link #generated()}). */
    void accept(Evaluation<I> e) {
        if (e.k() != generated) {
            throw new IllegalStateException(spec.id() + ": instance " + e.k() + " taken out of order, expected " + generated);
        }
        generated++;
        busyNanos += e.nanos();
        if (e.generatorError() != null) {
            tally.failure = new Failure<>(null, Outcome.fails(Double.NaN, "generator threw " + e.generatorError()), "search",
                    e.seed(), e.size(), 0);
            return;
        }
        if (e.outcome() instanceof Outcome.Discarded d) {
            tally.discard(d);
            return;
        }
        Outcome.Checked c = (Outcome.Checked) e.outcome();
        tally.record(c, e.seed(), e.size(), e.instance());
        if (!c.holds()) {
            Failure<I> f = new Failure<>(e.instance(), c, "search", e.seed(), e.size(), 0);
            if (acceptance.isEveryInstance()) {
                tally.failure = f;
                tally.failureUnshrunk = true;
            } else {
                tally.failed++;
                if (tally.firstFailed == null) {
                    tally.firstFailed = f;
                }
                if (acceptance.rejects(tally.failed, budget.tries())) {
                    stopReason = String.format(Locale.ROOT, "stopped after %d of %d experiments: %d failures falsify the "
                            + "claimed pass rate whatever the others give", tally.tries, budget.tries(), tally.failed);
                    stopped = true;
                }
            }
        }
        long now = System.nanoTime();
        if (now - lastProgress > PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            LOG.info("{}: {} of {} instances checked, {} discarded", spec.id(), tally.tries, budget.tries(), tally.discarded);
        }
    }

    // ---- 3. shrinking, targeted search, verdict and result ----

    /** Finishes the claim after its random phase and returns its result. */
    ClaimResult finish() {
        long t0 = System.nanoTime();
        if (tally.failureUnshrunk) {
            tally.failure = Checks.shrink(claim, tally.failure, budget);
            tally.failureUnshrunk = false;
        }
        TargetedSearch.PhaseResult<I> targeted = acceptance.isEveryInstance() ? TargetedSearch.afterRandomPhase(claim, codec, sequence, generated,
                tally.tightest, budget, claimSeed, config.tightDir(),
                spec.provenance().kind() == Provenance.Kind.DERIVED, this::relative, commands) : null;
        if (targeted != null && targeted.failure() != null && tally.failure == null) {
            Failure<I> f = Checks.shrink(claim, new Failure<>(targeted.failure(), targeted.failureOutcome(), "targeted search",
                    claimSeed, 0, 0), budget);
            tally.failure = f;
        }
        PassRateTest passRateTest = null;
        if (!acceptance.isEveryInstance()) {
            passRateTest = new PassRateTest(acceptance.passRate(), acceptance.significance(), tally.failed, tally.tries,
                    acceptance.pValue(tally.failed, tally.tries));
            if (passRateTest.rejected()) {
                tally.failure = Checks.shrink(claim, tally.firstFailed, budget);
            }
        }
        // A stored counterexample still failing falsifies a claim about every instance even when the search found none.
        boolean searchFound = tally.failure != null;
        if (!searchFound && tally.storedFailure != null && acceptance.isEveryInstance()) {
            tally.failure = tally.storedFailure;
        }
        VerdictRule.Decision decision = VerdictRule.decide(tally, budget, acceptance, passRateTest, stopReason);
        if (tally.failure != null && tally.failure.instance() != null && acceptance.isEveryInstance()) {
            store.save(spec.id(), codec.encode(tally.failure.instance()), tally.failure.outcome().message(),
                    tally.failure.seed(), tally.failure.size());
        }
        busyNanos += System.nanoTime() - t0;
        return result(decision, passRateTest, targeted, searchFound);
    }

    private ClaimResult result(VerdictRule.Decision decision, PassRateTest passRateTest, TargetedSearch.PhaseResult<I> targeted,
                               boolean searchFound) {
        Failure<I> failure = tally.failure;
        // no checked instance: an undecided experiment's own series, so that an inconclusive reproduction has its figure
        List<Series> series = tally.worst != null ? tally.worst.series()
                : tally.lastMeasuredDiscard != null ? tally.lastMeasuredDiscard.series() : List.of();
        if (failure != null && !failure.outcome().series().isEmpty()) {
            series = failure.outcome().series();
        }
        if (!tally.pooled.isEmpty()) {
            List<Series> all = new ArrayList<>();
            series.stream().filter(s -> !Series.EXPERIMENTS.equals(s.role())).forEach(all::add);
            all.addAll(tally.pooled.values());
            series = all;
        }
        Double worstRatio = tally.worst == null || Double.isNaN(tally.worstRatio) ? null : tally.worstRatio;
        if (failure != null && Double.isFinite(failure.outcome().ratio())) {
            worstRatio = failure.outcome().ratio();
        }
        return ClaimResult.builder(spec.id()).title(spec.title()).statement(spec.statement()).paper(spec.paper().key())
                .paperTitle(spec.paper().authors() + ", \"" + spec.paper().title() + "\", " + spec.paper().venue()
                        + ", " + spec.paper().reference())
                .theorem(spec.provenance().citation()).provenance(spec.provenance().kind().label())
                .constantsVerified(spec.provenance().constantsVerified()).hypotheses(spec.hypotheses())
                .tolerance(spec.tolerance()).expected(spec.expected().label()).verdict(decision.verdict().name())
                .agrees(!decision.verdict().contradicts(spec.expected())).reason(decision.reason())
                .tries(tally.tries).discarded(tally.discarded).storedReplayed(storedCount).worstRatio(worstRatio)
                .ratios(RatioSummary.of(tally.ratios.stream().mapToDouble(Double::doubleValue).toArray()))
                .seed(claimSeed).replay(replay()).counterexample(failure == null ? null : Checks.counterexampleJson(codec, failure))
                .durationMs(busyNanos / 1_000_000).series(series).statistics(statistics(searchFound))
                .reproduces(spec.reproduces()).passRateTest(passRateTest).proof(ProofDocuments.resultFor(spec))
                .lemmaOf(claim instanceof LemmaClaim<?> l ? l.theorem().spec().id() : null)
                .tightness(targeted == null ? null : targeted.tightness())
                .build();
    }

    /** What reproduces the result: the failing instance, else the worst one, else the claim. */
    private String replay() {
        Failure<I> f = tally.failure;
        if (f != null) {
            return "targeted search".equals(f.source()) ? commands.storedFirst(spec.id()) : commands.instance(spec.id(), f.seed(), f.size());
        }
        return tally.worst != null ? commands.instance(spec.id(), tally.worstSeed, tally.worstSize) : commands.check(spec.id());
    }

    private Map<String, Object> statistics(boolean searchFound) {
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("generated", generated);
        statistics.put("discardFraction", tally.discardFraction());
        if (!tally.discardReasons.isEmpty()) {
            statistics.put("discardReasons", tally.discardReasons);
        }
        if (tally.worst != null) {
            statistics.putAll(tally.worst.details());
        } else if (tally.lastMeasuredDiscard != null) {
            statistics.putAll(tally.lastMeasuredDiscard.details());
        }
        statistics.put("storedFailing", tally.storedFailing);
        if (tally.failure != null) {
            statistics.put("foundBySearch", searchFound);
        }
        if (!storeProblems.isEmpty()) {
            statistics.put("storeProblems", storeProblems);
        }
        return statistics;
    }

    private String relative(Path file) {
        try {
            return config.root().toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
