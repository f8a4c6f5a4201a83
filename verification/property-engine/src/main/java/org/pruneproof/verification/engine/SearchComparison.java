package org.pruneproof.verification.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;

/**
 * Measures how many checks each search needs to meet a counterexample of a claim that is false: plain random generation
 * (the random phase's sequence of instances) against the targeted search on its own ({@link #targetedAlone}: climbing
 * on the violation margin from its first instance on) and after a short random warm-up (the catalogue's arrangement:
 * hill climbing from the tightest instances of the warm-up, its fresh instances continuing the random sequence), with a
 * control ({@link #randomFromBothEnds}: the targeted search's fresh instances without climbing). Every check counts,
 * discarded ones included.
 */
public final class SearchComparison {

    private SearchComparison() {
    }

    /**
     * Checks the random phase's instances of seed {@code claimSeed} in order until one fails.
     *
     * @return the number of checks up to and including the first failing instance, or −1 if none failed in {@code max}
     */
    public static <I> int randomEvaluationsToFailure(Claim<I> claim, long claimSeed, int max) {
        return randomSearch(claim, claimSeed, max).checks();
    }

    /**
     * The first failure a search met: the checks up to and including it (−1 and nulls when none was met), the instance
     * and its outcome.
     */
    public record Found<I>(int checks, I instance, Outcome.Checked outcome) {
    }

    /** {@link #randomEvaluationsToFailure} with the failing instance. */
    public static <I> Found<I> randomSearch(Claim<I> claim, long claimSeed, int max) {
        InstanceSequence<I> sequence = new InstanceSequence<>(claim.instances(), claimSeed);
        return firstFailure(claim, sequence::at, max);
    }

    /**
     * A control for {@link #targetedAlone}: random generation of the same fresh instances the targeted search draws
     * (sizes from both ends, {@link InstanceSequence#fromBothEnds}), in order, without climbing — what the choice of
     * sizes alone gives.
     */
    public static <I> Found<I> randomFromBothEnds(Claim<I> claim, long claimSeed, int max) {
        InstanceSequence<I> sequence = new InstanceSequence<>(claim.instances(), claimSeed);
        return firstFailure(claim, sequence::fromBothEnds, max);
    }

    private static <I> Found<I> firstFailure(Claim<I> claim, java.util.function.IntFunction<I> instances, int max) {
        for (int k = 0; k < max; k++) {
            I inst;
            try {
                inst = instances.apply(k);
            } catch (RuntimeException e) {
                continue;
            }
            if (check(claim, inst) instanceof Outcome.Checked c && !c.holds()) {
                return new Found<>(k + 1, inst, c);
            }
        }
        return new Found<>(-1, null, null);
    }

    /**
     * The targeted search on its own, no random phase before it: its pool of chains grows from its fresh instances
     * (the random sequence's seeds, sizes from both ends: {@link InstanceSequence#fromBothEnds}), and it climbs on the
     * violation margin from its first checked instance on; it stops at the first failing instance. Every check counts,
     * fresh instances and mutants alike, discarded and rejected ones included.
     *
     * @return checks up to and including the first failure, or −1 if none failed in {@code max}
     */
    public static <I> Found<I> targetedAlone(Claim<I> claim, long claimSeed, int max) {
        InstanceSequence<I> sequence = new InstanceSequence<>(claim.instances(), claimSeed);
        TargetedSearch.Result<I> r;
        try {
            r = TargetedSearch.of(claim).run(List.of(), sequence::fromBothEnds, 0, max, Duration.ofMinutes(5),
                    Seeds.mix(claimSeed ^ 0x7A67E7EDL), true);
        } catch (IllegalStateException e) {
            return new Found<>(-1, null, null);
        }
        return r.firstFailureAt() < 0 ? new Found<>(-1, null, null) : new Found<>(r.firstFailureAt(), r.firstFailure(), r.firstFailureOutcome());
    }

    /**
     * The first {@code warmup} checks of the random sequence (more while none of them was within the hypotheses), then
     * the targeted search from its 3 tightest instances, stopping at the first failing mutant.
     *
     * @return checks up to and including the first failure (warm-up included), or −1 if none failed in {@code max}
     */
    public static <I> int targetedEvaluationsToFailure(Claim<I> claim, long claimSeed, int warmup, int max) {
        return targetedSearch(claim, claimSeed, warmup, max).checks();
    }

    /** {@link #targetedEvaluationsToFailure} with the failing instance. */
    public static <I> Found<I> targetedSearch(Claim<I> claim, long claimSeed, int warmup, int max) {
        InstanceSequence<I> sequence = new InstanceSequence<>(claim.instances(), claimSeed);
        List<TargetedSearch.Start<I>> starts = new ArrayList<>();
        int k = 0;
        for (; k < max && (k < warmup || starts.isEmpty()); k++) {
            I inst = sequence.at(k);
            if (check(claim, inst) instanceof Outcome.Checked c) {
                if (!c.holds()) {
                    return new Found<>(k + 1, inst, c);
                }
                if (!Double.isNaN(c.ratio())) {
                    starts.add(new TargetedSearch.Start<>(inst, c.ratio()));
                }
            }
        }
        if (starts.isEmpty()) {
            return new Found<>(-1, null, null);
        }
        starts.sort(Comparator.comparingDouble((TargetedSearch.Start<I> s) -> s.ratio()).reversed());
        int firstUnseen = k;
        TargetedSearch.Result<I> r = TargetedSearch.of(claim).run(starts.subList(0, Math.min(3, starts.size())),
                j -> sequence.at(firstUnseen + j), firstUnseen, max - k, Duration.ofMinutes(5), Seeds.mix(claimSeed ^ 0x7A67E7EDL), true);
        return r.firstFailureAt() < 0 ? new Found<>(-1, null, null) : new Found<>(k + r.firstFailureAt(), r.firstFailure(), r.firstFailureOutcome());
    }

    private static <I> Outcome check(Claim<I> claim, I inst) {
        try {
            return claim.check(inst);
        } catch (RuntimeException e) {
            return Outcome.fails(Double.NaN, "check threw " + e);
        }
    }
}
