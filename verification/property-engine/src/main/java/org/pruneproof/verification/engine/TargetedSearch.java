package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Tightness;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Targeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targeted phase: after the random phase, search for the claim's tightest instance by hill climbing on the ratio
 * value/bound (the tightness of a bound that holds, the violation margin of one that fails), as Hypothesis's
 * {@code target()} does for a property test.
 *
 * <p>It starts from the tightest random instances and mutates their values through the claim's JSON form (the same
 * form counterexamples are stored in), so it works for any claim whose instance is a plain value:
 * <ul>
 *   <li><b>continuous values</b> (every floating-point number of the instance): a move of one coordinate, or of all
 *       of them along a random direction, with a step relative to the value's magnitude that adapts by the 1/5 rule
 *       (×2 after an improvement, ×2^{−1/4} after a failure) and a heavy tail (one move in five up to 1000 times
 *       longer, to leave a local maximum); an array on the simplex (non-negative, summing to 1, such
 *       as convex weights α) is put back on it after the move, and
 *       also moves by transferring weight between two of its entries;</li>
 *   <li><b>discrete sizes</b>: an integer field ±1 or doubled (more greedy steps, a deeper network), and the
 *       shrinker's candidates (fewer neurons or points) — the shrinker's moves in both directions.</li>
 * </ul>
 * A chain that has not improved for {@value #PATIENCE} mutants, or whose last {@value #PLATEAU} mutants all had exactly
 * its ratio (an equality case such as a single neuron is a plateau), restarts from a fresh instance of the claim's
 * generator; a quarter of all checks ({@link #EXPLORE}) go to fresh instances that replace the loosest chain when
 * tighter (the hill climb is local; these keep it exploring as the random phase does). The best instance seen is kept
 * throughout. A mutant is kept only if it decodes (its record's checks pass) and the claim does not discard it, so every instance
 * stays within the hypotheses; a mutant whose check throws is counted as rejected, never as a counterexample (the
 * random phase and the stored counterexamples are where exceptions count). A mutant is accepted when its ratio is at
 * least the current one of its start. Every random choice comes from the given seed.
 *
 * @param <I> the instance type
 */
public final class TargetedSearch<I> {

    private static final Logger LOG = LoggerFactory.getLogger(TargetedSearch.class);
    private static final double MIN_STEP = 1e-7;
    private static final double MAX_STEP = 0.5;
    private static final int MAX_INTEGER = 1000;
    /** A chain that has not improved for this many mutants restarts from a fresh generated instance. */
    static final int PATIENCE = 40;
    /**
     * A chain whose last this many mutants all had exactly its ratio (to 1e-12 relative) is on a plateau — an
     * equality case such as a single neuron, where no local move changes the ratio — and restarts at once.
     */
    static final int PLATEAU = 6;
    /**
     * The share of checks spent on fresh instances of the generator, each replacing the loosest chain when it is
     * tighter: the search keeps exploring as the random phase does, and climbs from whatever it finds.
     */
    static final double EXPLORE = 0.25;

    private final Claim<I> claim;
    private final InstanceCodec<I> codec;

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
     * Climbs from the given instances (each is checked first for its ratio; discarded ones are dropped).
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
        return run(checked, maxEvaluations, time, seed, stopAtFailure);
    }

    /**
     * Runs the search.
     *
     * @param starts         the tightest random instances with their outcomes (at least one)
     * @param maxEvaluations the most mutants to check
     * @param time           the most wall-clock time
     * @param seed           the seed of every random choice
     * @param stopAtFailure  stop at the first failing mutant (to count evaluations to a counterexample)
     */
    Result<I> run(List<Start<I>> starts, int maxEvaluations, Duration time, long seed, boolean stopAtFailure) {
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("the targeted search needs at least one start");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + time.toNanos();
        List<Walker> walkers = new ArrayList<>();
        for (Start<I> s : starts) {
            walkers.add(new Walker(s.instance(), codec.encode(s.instance()), s.ratio()));
        }
        Walker best = walkers.get(0);
        for (Walker w : walkers) {
            if (w.ratio > best.ratio) {
                best = w;
            }
        }
        I bestInstance = best.instance;
        double bestRatio = best.ratio;
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
            boolean explore = random.nextDouble() < EXPLORE;
            Walker w = explore ? worst(walkers) : walkers.get(evaluations % walkers.size());
            boolean restart = !explore && (w.sinceImprovement >= PATIENCE || w.onPlateau >= PLATEAU);
            I mutant = restart || explore ? fresh(random) : mutate(w, random);
            evaluations++;
            if (mutant == null) {
                rejected++;
                if (!explore) {
                    w.failedMove();
                }
                continue;
            }
            Outcome o = evaluate(mutant);
            if (!(o instanceof Outcome.Checked c)) {
                rejected++;
                if (!explore) {
                    w.failedMove();
                }
                continue;
            }
            double r = Double.isNaN(c.ratio()) ? Double.NEGATIVE_INFINITY : c.ratio();
            if (!c.holds() && firstFailure == null) {
                firstFailureAt = evaluations;
                firstFailure = mutant;
                firstFailureOutcome = c;
            }
            if (explore && r <= w.ratio) {
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
            }
            if (stopAtFailure && firstFailure != null) {
                stop = "first failing mutant at evaluation " + evaluations;
                break;
            }
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
     * @param starts  the tightest random instances, best first
     * @param derived whether the claim is a derived bound (its slack 1/ratio is reported while it holds)
     */
    static <I> PhaseResult<I> afterRandomPhase(Claim<I> claim, InstanceCodec<I> codec, List<Start<I>> starts,
                                               Budget budget, long claimSeed, Path tightDir, boolean derived,
                                               java.util.function.Function<Path, String> relative,
                                               org.pruneproof.reports.results.ReplayCommands commands) {
        Targeting t = claim.spec().targeting();
        List<Start<I>> usable = starts.stream().filter(s -> !Double.isNaN(s.ratio())).limit(t == null ? 0 : t.starts()).toList();
        if (t == null || usable.isEmpty()) {
            return null;
        }
        double randomBest = usable.stream().mapToDouble(Start::ratio).max().orElse(Double.NaN);
        Result<I> r = new TargetedSearch<>(claim, codec).run(usable, t.evaluationsFor(budget), t.timeFor(budget),
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
            this.ratio = Double.isNaN(ratio) ? Double.NEGATIVE_INFINITY : ratio;
        }

        int sinceImprovement;
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

    /** A fresh instance of the claim's generator, of a random size (a restart), or null if the generator throws. */
    private I fresh(SplittableRandom random) {
        try {
            return claim.instances().generate(new SplittableRandom(random.nextLong()), 1 + random.nextInt(Gen.MAX_SIZE));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A mutant of the walker's instance, or null when none decodes. */
    private I mutate(Walker w, SplittableRandom random) {
        double kind = random.nextDouble();
        if (kind < 0.04) {
            I shrunk = shrinkerMove(w.instance, random);
            if (shrunk != null) {
                return shrunk;
            }
        }
        JsonNode copy = w.json.deepCopy();
        List<Slot> doubles = new ArrayList<>();
        List<Slot> ints = new ArrayList<>();
        List<ArrayNode> simplices = new ArrayList<>();
        collect(copy, doubles, ints, simplices);
        if (kind >= 0.12 && kind < 0.32 && !simplices.isEmpty()) {
            // move mass between two weights of a simplex array (convex weights α): the simplex's own coordinates
            ArrayNode a = simplices.get(random.nextInt(simplices.size()));
            int from = random.nextInt(a.size());
            int to = random.nextInt(a.size() - 1);
            to = to >= from ? to + 1 : to;
            double step = random.nextDouble() < 0.2 ? Math.min(1, w.step * Math.pow(10, 3 * random.nextDouble())) : w.step;
            double amount = Math.min(a.get(from).asDouble(), Math.abs(random.nextGaussian()) * step * Math.max(a.get(from).asDouble(), 1e-3));
            a.set(from, DoubleNode.valueOf(a.get(from).asDouble() - amount));
            a.set(to, DoubleNode.valueOf(a.get(to).asDouble() + amount));
        } else if (kind < 0.12 && !ints.isEmpty()) {
            Slot slot = ints.get(random.nextInt(ints.size()));
            int v = slot.get().asInt();
            int nv = random.nextDouble() < 0.25 ? 2 * v : v + (random.nextBoolean() ? 1 : -1);
            if (nv < 0 || nv > MAX_INTEGER) {
                return null;
            }
            slot.set(IntNode.valueOf(nv));
        } else if (!doubles.isEmpty()) {
            boolean all = random.nextDouble() < 0.3;
            double norm = all ? Math.sqrt(doubles.size()) : 1;
            // heavy tail: one move in five is up to 1000 times longer, to leave a local maximum of the ratio
            double step = random.nextDouble() < 0.2 ? Math.min(1, w.step * Math.pow(10, 3 * random.nextDouble())) : w.step;
            int only = random.nextInt(doubles.size());
            for (int k = 0; k < doubles.size(); k++) {
                if (all || k == only) {
                    Slot slot = doubles.get(k);
                    double v = slot.get().asDouble();
                    double scale = Math.max(Math.abs(v), slot.magnitude());
                    slot.set(DoubleNode.valueOf(v + random.nextGaussian() * step * scale / norm));
                }
            }
            for (ArrayNode a : simplices) {
                projectToSimplex(a);
            }
        } else {
            return null;
        }
        try {
            return codec.decode(copy);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private I shrinkerMove(I instance, SplittableRandom random) {
        try {
            List<I> candidates = new ArrayList<>();
            Iterator<I> it = claim.shrinker().candidates(instance).iterator();
            while (it.hasNext() && candidates.size() < 16) {
                candidates.add(it.next());
            }
            return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A place holding a number (an object field or an array element) and the typical magnitude of its siblings. */
    private record Slot(JsonNode parent, String field, int index, double magnitude) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode v) {
            if (field != null) {
                ((ObjectNode) parent).set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    /**
     * Collects the floating-point leaves, the integer fields of objects (sizes: steps, depth, …) and the arrays that lie
     * on the simplex (at least two non-negative numbers summing to 1 within 1e-9).
     */
    private static void collect(JsonNode node, List<Slot> doubles, List<Slot> ints, List<ArrayNode> simplices) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v.isFloatingPointNumber()) {
                    doubles.add(new Slot(node, e.getKey(), -1, Math.max(1e-3, Math.abs(v.asDouble()))));
                } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                    ints.add(new Slot(node, e.getKey(), -1, 1));
                } else {
                    collect(v, doubles, ints, simplices);
                }
            });
        } else if (node.isArray()) {
            double mean = 0;
            double sum = 0;
            int count = 0;
            boolean nonNegative = true;
            for (JsonNode c : node) {
                if (c.isFloatingPointNumber()) {
                    mean += Math.abs(c.asDouble());
                    sum += c.asDouble();
                    nonNegative &= c.asDouble() >= 0;
                    count++;
                }
            }
            if (count >= 2 && count == node.size() && nonNegative && Math.abs(sum - 1) <= 1e-9) {
                simplices.add((ArrayNode) node);
            }
            double magnitude = count == 0 ? 1e-3 : Math.max(1e-3, mean / count);
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                if (c.isFloatingPointNumber()) {
                    doubles.add(new Slot(node, null, i, magnitude));
                } else {
                    collect(c, doubles, ints, simplices);
                }
            }
        }
    }

    /** Clips to non-negative and rescales to sum 1 (an array that was on the simplex stays on it). */
    private static void projectToSimplex(ArrayNode a) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double v = Math.max(0, a.get(i).asDouble());
            a.set(i, DoubleNode.valueOf(v));
            s += v;
        }
        if (s > 0) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, DoubleNode.valueOf(a.get(i).asDouble() / s));
            }
        }
    }
}
