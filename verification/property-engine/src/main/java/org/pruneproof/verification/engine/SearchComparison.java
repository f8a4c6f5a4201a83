package org.pruneproof.verification.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;

/**
 * Measures how many checks each search needs to meet a counterexample of a claim that is false: plain random generation
 * (the random phase's sequence of instances) against the targeted search (a short random warm-up, then hill climbing
 * on the violation margin from the tightest instances of the warm-up). Every check counts, discarded ones included.
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
        Gen<I> gen = claim.instances();
        for (int k = 0; k < max; k++) {
            I inst = gen.generate(new SplittableRandom(Seeds.forInstance(claimSeed, k)), Seeds.sizeFor(k, Gen.MAX_SIZE));
            if (check(claim, inst) instanceof Outcome.Checked c && !c.holds()) {
                return k + 1;
            }
        }
        return -1;
    }

    /**
     * The first {@code warmup} checks of the random sequence, then the targeted search from its 3 tightest instances,
     * stopping at the first failing mutant.
     *
     * @return checks up to and including the first failure (warm-up included), or −1 if none failed in {@code max}
     */
    public static <I> int targetedEvaluationsToFailure(Claim<I> claim, long claimSeed, int warmup, int max) {
        Gen<I> gen = claim.instances();
        List<TargetedSearch.Start<I>> starts = new ArrayList<>();
        int k = 0;
        for (; k < Math.min(warmup, max); k++) {
            I inst = gen.generate(new SplittableRandom(Seeds.forInstance(claimSeed, k)), Seeds.sizeFor(k, Gen.MAX_SIZE));
            if (check(claim, inst) instanceof Outcome.Checked c) {
                if (!c.holds()) {
                    return k + 1;
                }
                if (!Double.isNaN(c.ratio())) {
                    starts.add(new TargetedSearch.Start<>(inst, c.ratio()));
                }
            }
        }
        if (starts.isEmpty()) {
            return -1;
        }
        starts.sort(Comparator.comparingDouble((TargetedSearch.Start<I> s) -> s.ratio()).reversed());
        TargetedSearch.Result<I> r = TargetedSearch.of(claim).run(starts.subList(0, Math.min(3, starts.size())),
                max - k, Duration.ofMinutes(5), Seeds.mix(claimSeed ^ 0x7A67E7EDL), true);
        return r.firstFailureAt() < 0 ? -1 : k + r.firstFailureAt();
    }

    private static <I> Outcome check(Claim<I> claim, I inst) {
        try {
            return claim.check(inst);
        } catch (RuntimeException e) {
            return Outcome.fails(Double.NaN, "check threw " + e);
        }
    }
}
