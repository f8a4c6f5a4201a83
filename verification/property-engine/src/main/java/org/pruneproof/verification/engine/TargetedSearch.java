package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Tightness;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Targeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targeted phase: after the random phase, search for the claim's tightest instance by hill climbing on the ratio
 * value/bound (the tightness of a bound that holds, the violation margin of one that fails), as Hypothesis's
 * {@code target()} does for a property test.
 *
 * <p>It starts from the tightest random instances and mutates them through the claim's JSON form
 * ({@link JsonMutations}): continuous values by coordinate and whole-instance moves with a step that adapts by the 1/5
 * rule (×2 after an improvement, ×2^{−1/4} after a failure); convex weights by transfers on the simplex; integer sizes
 * ±1, doubled or halved; edge moves towards the values generators mix in as edge cases (zeros, ties, duplicated rows,
 * uniform or two-point weights, one step); and shrinker jumps, up to {@value #MAX_JUMP} of the shrinker's moves in a
 * row (fewer neurons, points, steps), so that a chain can move to the small special instances where bounds are often
 * attained. Integer growth (doubling, +1) is the shrinker's "fewer steps" in reverse.
 *
 * <p>A share of the checks goes to fresh instances, each replacing the loosest chain when tighter (at least
 * {@value #EXPLORE}, more right after a short random phase: {@link #WARM}),
 * and a chain that has not improved for {@value #PATIENCE} mutants, or whose last {@value #PLATEAU} mutants all had
 * exactly its ratio (an equality case such as a single neuron is a plateau), restarts from a fresh instance. The fresh
 * instances are the random phase's own sequence continued ({@link InstanceSequence}: the instances random generation
 * would have checked next, small and large alternating as there), so the targeted phase meets everything random
 * generation meets, on a share of its checks, and climbs from it.
 *
 * <p>On its own (no random phase before it, {@link SearchComparison#targetedAlone}) the search has no starts: its pool
 * of up to {@value #POOL} chains grows from its fresh instances, which are the random sequence's seeds at sizes from
 * both ends ({@link InstanceSequence#fromBothEnds}: the largest first, where a claim over all n ≤ steps has the most
 * clauses, then the smallest), and it climbs from its first checked instance on, with {@value #ALONE} of its checks on
 * fresh instances; each chain (a fresh instance, a restart) opens with {@value #OPENING} edge moves — the special
 * instances next to it first — before its local climb.
 *
 * <p>The best instance seen is kept throughout. A mutant is kept only if it decodes (its record's checks pass) and the
 * claim does not discard it, so every instance stays within the hypotheses; a mutant whose check throws is counted as
 * rejected, never as a counterexample (the random phase and the stored counterexamples are where exceptions count). A
 * mutant is accepted when its ratio is at least the current one of its chain; a mutant whose ratio is not finite (NaN,
 * or an infinite violation margin where a bound of 0 is exceeded) is never accepted, though a failing one is still met as
 * a counterexample. Every random choice comes from the given seed.
 *
 * @param <I> the instance type
 */
public final class TargetedSearch<I> {

    private static final Logger LOG = LoggerFactory.getLogger(TargetedSearch.class);
    private static final double MIN_STEP = 1e-7;
    private static final double MAX_STEP = 0.5;
    private static final int MAX_INTEGER = 1000;
    /** The most shrinker moves in one jump. */
    static final int MAX_JUMP = 64;
    /** A shrinker move picks among this many of the shrinker's first candidates. */
    static final int JUMP_CANDIDATES = 64;
    /** A chain that has not improved for this many mutants restarts from a fresh generated instance. */
    static final int PATIENCE = 40;
    /**
     * A chain whose last this many mutants all had exactly its ratio (to 1e-12 relative) is on a plateau — an
     * equality case such as a single neuron, where no local move changes the ratio — and restarts at once.
     */
    static final int PLATEAU = 6;
    /**
     * The least share of checks spent on fresh instances of the generator, each replacing the loosest chain when it is
     * tighter: the search keeps exploring as the random phase does, and climbs from whatever it finds.
     */
    static final double EXPLORE = 0.25;
    /**
     * The share of fresh instances at the search's k-th check, counting the checks made before it (the random phase's),
     * is max({@value #EXPLORE}, WARM/(WARM + k)): after a short random phase the search still mostly explores, as random
     * generation does, and turns to climbing as the checks accumulate; after a random phase of 60 checks or more it is
     * {@value #EXPLORE} from the start.
     */
    static final int WARM = 20;
    /** The chains of a search without starts (on its own, no random phase before it), grown from fresh instances. */
    static final int POOL = 3;
    /**
     * The share of fresh instances of a search on its own (no random phase before it): half, so that where the margin
     * says little (a failure that is a rare discrete event) it still meets fresh instances half as often as random
     * generation does, and climbs on the other half from its first instance on.
     */
    static final double ALONE = 0.5;
    /** In a search on its own, the first mutants of a chain (from its fresh instance or a restart) are edge moves, so many. */
    static final int OPENING = 4;

    private final Claim<I> claim;
    private final InstanceCodec<I> codec;
    /** The edge moves a chain opens with: {@link #OPENING} in a search on its own, none after a random phase. */
    private int opening;
    /** Whether the last mutant came from a shrinker jump or an edge move (set by {@link #mutate}). */
    private boolean structural;

    TargetedSearch(Claim<I> claim, InstanceCodec<I> codec) {
        this.claim = claim;
        this.codec = codec;
    }

    /** An instance to start from and its ratio. */
    public record Start<I>(I instance, double ratio) {
    }

    /**
     * What the search found.
     *
     * @param best               the tightest instance (a start when nothing improved it)
     * @param outcome            its outcome
     * @param ratio              its ratio
     * @param evaluations        mutants checked
     * @param improvements       accepted mutants with a strictly larger ratio
     * @param rejected           mutants outside the hypotheses (not decodable, discarded, or whose check threw)
     * @param firstFailureAt     the evaluation at which a failing mutant was first met (1-based), or −1
     * @param firstFailure       that mutant, or null
     * @param firstFailureOutcome its outcome, or null
     * @param stopReason         why the search stopped
     */
    public record Result<I>(I best, Outcome.Checked outcome, double ratio, int evaluations, int improvements, int rejected,
                     int firstFailureAt, I firstFailure, Outcome.Checked firstFailureOutcome, String stopReason) {
    }

    /** The search for {@code claim}'s tightest instance. */
    public static <I> TargetedSearch<I> of(Claim<I> claim) {
        return new TargetedSearch<>(claim, new InstanceCodec<>(claim));
    }

    /**
     * Climbs from the given instances only (each is checked first for its ratio; discarded ones are dropped): no fresh
     * instances, and a stalled chain restarts from the best instance seen, so whatever it reaches it reached by its
     * moves.
     *
     * @throws IllegalArgumentException when no start is within the hypotheses
     */
    public Result<I> climb(List<I> starts, int maxEvaluations, Duration time, long seed, boolean stopAtFailure) {
        List<Start<I>> checked = new ArrayList<>();
        for (I s : starts) {
            if (evaluate(s) instanceof Outcome.Checked c) {
                checked.add(new Start<>(s, c.ratio()));
            }
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException(claim.spec().id() + ": no start instance is within the hypotheses");
        }
        return run(checked, null, 0, maxEvaluations, time, seed, stopAtFailure);
    }

    /**
     * Runs the search.
     *
     * @param starts         the tightest random instances with their outcomes (at least one)
     * @param fresh          the fresh instances, j = 0, 1, … (the random phase's sequence continued); null for none
     *                       (a stalled chain then restarts from the best instance seen)
     * @param checksBefore   the checks made before this search (the random phase's), which set the share of fresh
     *                       instances ({@link #WARM})
     * @param maxEvaluations the most mutants to check
     * @param time           the most wall-clock time
     * @param seed           the seed of every random choice
     * @param stopAtFailure  stop at the first failing mutant (to count evaluations to a counterexample)
     */
    Result<I> run(List<Start<I>> starts, IntFunction<I> fresh, int checksBefore, int maxEvaluations, Duration time,
                  long seed, boolean stopAtFailure) {
        if (starts.isEmpty() && fresh == null) {
            throw new IllegalArgumentException("the targeted search needs a start or fresh instances");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Fresh<I> source = new Fresh<>(fresh);
        long deadline = System.nanoTime() + time.toNanos();
        List<Walker> walkers = new ArrayList<>();
        I bestInstance = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (Start<I> s : starts) {
            Walker w = new Walker(s.instance(), codec.encode(s.instance()), s.ratio());
            walkers.add(w);
            if (bestInstance == null || w.ratio > bestRatio) {
                bestInstance = w.instance;
                bestRatio = w.ratio;
            }
        }
        // without starts (a search on its own, no random phase before it) the pool of chains grows from the fresh
        // instances, up to this many chains
        int chains = starts.isEmpty() ? POOL : starts.size();
        opening = starts.isEmpty() ? OPENING : 0;
        Outcome.Checked bestOutcome = null;
        int evaluations = 0;
        int improvements = 0;
        int rejected = 0;
        int firstFailureAt = -1;
        I firstFailure = null;
        Outcome.Checked firstFailureOutcome = null;
        String stop = "budget of " + maxEvaluations + " mutants spent";
        while (evaluations < maxEvaluations) {
            if (System.nanoTime() > deadline) {
                stop = "time budget of " + time.toSeconds() + " s ran out after " + evaluations + " mutants";
                break;
            }
            // a search on its own climbs from its first instance at once; after a short random phase it still mostly
            // explores, as random generation does
            double share = fresh == null ? 0 : starts.isEmpty() ? ALONE
                    : Math.max(EXPLORE, (double) WARM / (WARM + (long) checksBefore + evaluations));
            boolean explore = walkers.isEmpty() || random.nextDouble() < share;
            boolean grow = explore && walkers.size() < chains;
            Walker w = grow ? null : explore ? worst(walkers) : walkers.get(evaluations % walkers.size());
            boolean restart = !explore && (w.sinceImprovement >= PATIENCE || w.onPlateau >= PLATEAU);
            if (restart && fresh == null) {
                w.restart(bestInstance, codec.encode(bestInstance), bestRatio);
                restart = false;
            }
            I mutant = restart || explore ? source.next() : mutate(w, random);
            evaluations++;
            Outcome o = mutant == null ? null : evaluate(mutant);
            if (!(o instanceof Outcome.Checked c)) {
                rejected++;
                if (!explore) {
                    w.failedMove();
                }
                continue;
            }
            // an infinite margin (a zero bound exceeded) is a counterexample, but no ratio to climb on or to report
            double r = Double.isFinite(c.ratio()) ? c.ratio() : Double.NEGATIVE_INFINITY;
            if (!c.holds() && firstFailure == null) {
                firstFailureAt = evaluations;
                firstFailure = mutant;
                firstFailureOutcome = c;
            }
            if (grow) {
                // a new chain from a fresh instance, while the pool is not full
                walkers.add(new Walker(mutant, codec.encode(mutant), r));
                if (bestInstance == null || r > bestRatio) {
                    bestRatio = r;
                    bestInstance = mutant;
                    bestOutcome = c;
                }
            } else if (explore && r <= w.ratio) {
                // a fresh instance no tighter than the pool's loosest chain: nothing to climb from
            } else if (restart || explore) {
                // a stalled chain starts again from a fresh instance of the generator, and a fresh instance tighter
                // than the loosest chain replaces it (the best so far is kept)
                w.restart(mutant, codec.encode(mutant), r);
                if (r > bestRatio) {
                    bestRatio = r;
                    bestInstance = mutant;
                    bestOutcome = c;
                }
            } else if (r >= w.ratio) {
                w.onPlateau = sameRatio(r, w.ratio) ? w.onPlateau + 1 : 0;
                if (r > w.ratio) {
                    improvements++;
                    w.improvedMove();
                } else {
                    w.failedMove();
                }
                w.accept(mutant, codec.encode(mutant), r);
                if (r > bestRatio || bestOutcome == null && r >= bestRatio) {
                    bestRatio = r;
                    bestInstance = mutant;
                    bestOutcome = c;
                }
            } else {
                w.onPlateau = sameRatio(r, w.ratio) ? w.onPlateau + 1 : 0;
                w.failedMove();
                Walker loosest = worst(walkers);
                if (structural && loosest != w && r > loosest.ratio) {
                    // a jump to a smaller or more special instance, looser than its chain but tighter than the loosest
                    // chain, replaces that one: its own basin may climb higher
                    loosest.restart(mutant, codec.encode(mutant), r);
                }
            }
            if (stopAtFailure && firstFailure != null) {
                stop = "first failing mutant at evaluation " + evaluations;
                break;
            }
        }
        if (bestInstance == null) {
            throw new IllegalStateException(claim.spec().id() + ": the targeted search met no instance within the hypotheses in "
                    + evaluations + " checks");
        }
        if (bestOutcome == null) {
            Outcome o = evaluate(bestInstance);
            bestOutcome = o instanceof Outcome.Checked c ? c : Outcome.holds(bestRatio, "start instance");
        }
        LOG.info("{}: targeted search {} → {} in {} mutants ({} improvements, {} rejected)", claim.spec().id(),
                String.format(Locale.ROOT, "%.6g", starts.stream().mapToDouble(Start::ratio).max().orElse(Double.NaN)),
                String.format(Locale.ROOT, "%.6g", bestRatio), evaluations, improvements, rejected);
        return new Result<>(bestInstance, bestOutcome, bestRatio, evaluations, improvements, rejected, firstFailureAt,
                firstFailure, firstFailureOutcome, stop);
    }

    /**
     * What the targeted phase gives the runner: the {@link Tightness} for results.json, and a failing mutant if one was
     * met (for a claim about every instance that is a counterexample, found by the targeted phase).
     */
    record PhaseResult<I>(Tightness tightness, I failure, Outcome.Checked failureOutcome) {
    }

    /**
     * The targeted phase of one claim after its random phase: runs the search from the tightest random instances with
     * the spec's {@link Targeting} budget, stores the tightest instance as {@code <tightDir>/<id>.json} (values, like a
     * counterexample) and describes it. Null when the spec asks for no targeted phase or the random phase checked no
     * instance with a ratio.
     *
     * @param sequence    the random phase's sequence of instances
     * @param firstUnseen the first k the random phase did not take (the fresh instances continue from there)
     * @param starts  the tightest random instances, best first
     * @param derived whether the claim is a derived bound (its slack 1/ratio is reported while it holds)
     */
    static <I> PhaseResult<I> afterRandomPhase(Claim<I> claim, InstanceCodec<I> codec, InstanceSequence<I> sequence,
                                               int firstUnseen, List<Start<I>> starts,
                                               Budget budget, long claimSeed, Path tightDir, boolean derived,
                                               java.util.function.Function<Path, String> relative,
                                               org.pruneproof.reports.results.ReplayCommands commands) {
        Targeting t = claim.spec().targeting();
        List<Start<I>> usable = starts.stream().filter(s -> Double.isFinite(s.ratio())).limit(t == null ? 0 : t.starts()).toList();
        if (t == null || usable.isEmpty()) {
            return null;
        }
        double randomBest = usable.stream().mapToDouble(Start::ratio).max().orElse(Double.NaN);
        Result<I> r = new TargetedSearch<>(claim, codec).run(usable, j -> sequence.at(firstUnseen + j), firstUnseen, t.evaluationsFor(budget), t.timeFor(budget),
                Seeds.mix(claimSeed ^ 0x7A67E7EDL), false);
        JsonNode instance = codec.encode(r.best());
        Path file = tightDir.resolve(claim.spec().id() + ".json");
        String stored = null;
        String replay = null;
        ObjectNode node = ResultsFiles.mapper().createObjectNode();
        node.put("claim", claim.spec().id());
        node.put("ratio", r.ratio());
        node.put("message", r.outcome().message());
        node.set("instance", instance);
        try {
            org.pruneproof.io.AtomicFiles.writeString(file, ResultsFiles.mapper().writeValueAsString(node));
            stored = relative.apply(file);
            replay = commands.instanceFile(claim.spec().id(), stored);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("could not store the tightest instance of {} in {}: {}", claim.spec().id(), file, e.getMessage());
        }
        Double slack = derived && r.outcome().holds() && r.ratio() > 0 && Double.isFinite(r.ratio()) ? 1 / r.ratio() : null;
        Tightness tightness = new Tightness(finite(randomBest), finite(Math.max(r.ratio(), randomBest)), slack, r.evaluations(),
                r.improvements(), r.rejected(), instance, stored, replay, r.stopReason());
        return new PhaseResult<>(tightness, r.firstFailure(), r.firstFailureOutcome());
    }

    private Walker worst(List<Walker> walkers) {
        Walker worst = walkers.get(0);
        for (Walker w : walkers) {
            if (w.ratio < worst.ratio) {
                worst = w;
            }
        }
        return worst;
    }

    /** Whether two ratios are equal to 1e-12 relative (a move that changed nothing the claim measures). */
    private static boolean sameRatio(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The check of a mutant; an exception rejects it (null). */
    private Outcome evaluate(I instance) {
        try {
            return claim.check(instance);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** One chain of the hill climb: its current instance, JSON, ratio and step size. */
    private final class Walker {
        I instance;
        JsonNode json;
        double ratio;
        double step = 0.1;

        Walker(I instance, JsonNode json, double ratio) {
            this.instance = instance;
            this.json = json;
            this.ratio = Double.isFinite(ratio) ? ratio : Double.NEGATIVE_INFINITY;
        }

        int sinceImprovement;
        /** Mutants made from this chain since it (re)started. */
        int moves;
        /** Consecutive mutants whose ratio equalled this chain's. */
        int onPlateau;

        void accept(I i, JsonNode j, double r) {
            instance = i;
            json = j;
            ratio = r;
        }

        void restart(I i, JsonNode j, double r) {
            accept(i, j, r);
            step = 0.1;
            sinceImprovement = 0;
            onPlateau = 0;
            moves = 0;
        }

        void improvedMove() {
            step = Math.min(MAX_STEP, step * 2);
            sinceImprovement = 0;
            onPlateau = 0;
        }

        void failedMove() {
            step = Math.max(MIN_STEP, step * Math.pow(2, -0.25));
            sinceImprovement++;
        }
    }

    /** The fresh instances of one run, in order: the j-th call gives the source's instance j. */
    private static final class Fresh<I> {
        private final IntFunction<I> source;
        private int taken;

        Fresh(IntFunction<I> source) {
            this.source = source;
        }

        /** The next one, or null if the generator throws. */
        I next() {
            try {
                return source.apply(taken++);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * A mutant of the walker's instance, or null when none decodes: a shrinker jump (one in ten), an edge move (three
     * in twenty), an integer move, a simplex transfer, or else a continuous move ({@link JsonMutations}); a kind that does not
     * apply to the instance falls back to a continuous move.
     */
    private I mutate(Walker w, SplittableRandom random) {
        // a chain opens with edge moves: the special instances next to it first, then the local climb
        double kind = w.moves++ < opening ? 0.10 + 0.15 * random.nextDouble() : random.nextDouble();
        structural = kind < 0.25;
        if (kind < 0.10) {
            I shrunk = shrinkerJump(w.instance, random);
            if (shrunk != null) {
                return shrunk;
            }
        }
        JsonNode copy = w.json.deepCopy();
        JsonMutations moves = new JsonMutations(copy);
        boolean moved = kind >= 0.10 && kind < 0.25 && moves.edge(random)
                || kind >= 0.25 && kind < 0.33 && moves.integer(random, MAX_INTEGER)
                || kind >= 0.33 && kind < 0.49 && moves.transfer(random, w.step);
        if (!moved && !moves.continuous(random, w.step)) {
            return moves.hasInts() && moves.integer(random, MAX_INTEGER) ? decode(copy) : shrinkerJump(w.instance, random);
        }
        return decode(copy);
    }

    private I decode(JsonNode json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A run of the shrinker's moves (fewer neurons, points, steps; simpler values): half the time a short one (each
     * further move with probability ½), half the time one of 1 … {@value #MAX_JUMP} moves, far enough to reach a
     * handful of neurons from the largest instances — a jump towards the small, special instances where bounds are
     * often attained (and where random generation meets them by chance). Each move is drawn among the first
     * {@value #JUMP_CANDIDATES} of the shrinker's candidates. Null when the shrinker proposes nothing.
     */
    private I shrinkerJump(I instance, SplittableRandom random) {
        int length = random.nextBoolean() ? MAX_JUMP : 1 + random.nextInt(MAX_JUMP);
        boolean geometric = length == MAX_JUMP;
        I current = null;
        I from = instance;
        for (int k = 0; k < length; k++) {
            I next = shrinkerMove(from, random);
            if (next == null) {
                break;
            }
            current = next;
            from = next;
            if (geometric && random.nextBoolean()) {
                break;
            }
        }
        return current;
    }

    private I shrinkerMove(I instance, SplittableRandom random) {
        try {
            int pick = random.nextInt(JUMP_CANDIDATES);
            List<I> candidates = new ArrayList<>();
            Iterator<I> it = claim.shrinker().candidates(instance).iterator();
            while (it.hasNext() && candidates.size() <= pick) {
                candidates.add(it.next());
            }
            return candidates.isEmpty() ? null : candidates.get(Math.min(pick, candidates.size() - 1) == pick
                    ? pick : random.nextInt(candidates.size()));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
