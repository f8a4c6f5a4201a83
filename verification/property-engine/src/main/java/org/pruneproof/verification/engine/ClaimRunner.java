package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;

/**
 * Checks one claim on the calling thread: replays its stored counterexamples, then generates instances from the
 * claim's seed until the budget is spent or a counterexample is found, shrinks that counterexample to a minimal one,
 * stores it, and summarises everything as a {@link ClaimResult} (the phases are {@link ClaimCheck}'s;
 * {@link ParallelRun} runs the same phases on many workers, with the same results).
 *
 * <p>A claim judged over experiments by a pass rate ({@link Acceptance#passRate}) runs all its experiments (or stops
 * once the failures already falsify it whatever the rest give), and is falsified only by the binomial test; its
 * first failing experiment is then shrunk and reported, but not stored, since one failing experiment does not
 * falsify it (the run is reproduced from the run's seed and budget instead). Stored entries of such a claim are
 * replayed and counted, and do not decide its verdict.
 */
public final class ClaimRunner {

    private final RunConfig config;
    private final CounterexampleStore store;
    private final ReplayCommands commands;

    /** A runner whose results name {@code ./pruneproof} commands to replay what they found. */
    public ClaimRunner(RunConfig config) {
        this(config, ReplayCommands.PRUNEPROOF);
    }

    /** A runner whose results spell their replay commands with {@code commands}. */
    public ClaimRunner(RunConfig config, ReplayCommands commands) {
        this(config, new CounterexampleStore(config.storeDir()), commands);
    }

    public ClaimRunner(RunConfig config, CounterexampleStore store, ReplayCommands commands) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.store = java.util.Objects.requireNonNull(store, "store");
        this.commands = java.util.Objects.requireNonNull(commands, "commands");
    }

    /** The phases of checking {@code claim} under this runner's configuration, not yet started. */
    <I> ClaimCheck<I> newCheck(Claim<I> claim) {
        return new ClaimCheck<>(claim, config, store, commands);
    }

    /** Runs the claim under this run's configuration. */
    public <I> ClaimResult run(Claim<I> claim) {
        ClaimCheck<I> check = newCheck(claim);
        check.replayStored();
        while (!check.searchDone()) {
            check.accept(check.evaluate(check.generated()));
        }
        return check.finish();
    }

    /** Generates the instance of (seed, size), checks it, and shrinks it if it fails. */
    public <I> Replay<I> replay(Claim<I> claim, long seed, int size) {
        I instance = claim.instances().generate(new SplittableRandom(seed), size);
        return replayOf(claim, instance, seed, size);
    }

    /**
     * Checks a stored instance (a tightest instance, a counterexample: the file's {@code instance} field, or the whole
     * JSON), and shrinks it if it fails.
     *
     * @throws IllegalArgumentException naming the problem when the JSON does not decode as the claim's instance
     */
    public <I> Replay<I> replayInstance(Claim<I> claim, JsonNode json) {
        I instance = new InstanceCodec<>(claim).decode(json.has("instance") ? json.get("instance") : json);
        return replayOf(claim, instance, 0, 0);
    }

    private <I> Replay<I> replayOf(Claim<I> claim, I instance, long seed, int size) {
        Outcome o = Checks.evaluate(claim, instance);
        if (o instanceof Outcome.Checked c && !c.holds()) {
            Failure<I> f = Checks.shrink(claim, new Failure<>(instance, c, "search", seed, size, 0),
                    config.effective(claim.spec().budget()));
            return new Replay<>(instance, o, f.instance(), f.outcome(), f.shrinkSteps(),
                    Checks.counterexampleJson(new InstanceCodec<>(claim), f));
        }
        return new Replay<>(instance, o, null, null, 0, null);
    }

    /** What a replay found: the instance and its outcome, and the shrunk counterexample if it failed. */
    public record Replay<I>(I instance, Outcome outcome, I shrunk, Outcome.Checked shrunkOutcome,
                            int shrinkSteps, JsonNode counterexample) {
    }
}
