package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrink;
import org.pruneproof.verification.api.Shrinker;

/** The targeted search's discrete moves, its fresh instances and the JSON form of wrapped claims, on a small claim. */
class TargetedSearchMovesTest {

    /** Values v and convex weights w of the same length. */
    public record Mix(double[] v, double[] w) {
        public Mix {
            if (v.length != w.length || v.length < 1) {
                throw new IllegalArgumentException("v and w must have the same length ≥ 1");
            }
            double s = Arrays.stream(w).sum();
            if (Arrays.stream(w).anyMatch(x -> !(x >= 0)) || Math.abs(s - 1) > 1e-9) {
                throw new IllegalArgumentException("w must be on the simplex");
            }
        }
    }

    /**
     * A bound attained only by a small special instance: ratio = (2/N)·(1 − |v₀ − v₁|/(|v₀| + |v₁| + 1))·(1 − |w₀ − w₁|)
     * for N ≥ 2, which is 1 exactly at N = 2, v₀ = v₁, w = (½, ½). Generated N is 2 … 40; the shrinker removes entries.
     */
    public static class SmallSpecial implements Claim<Mix> {
        final List<Mix> checked = new ArrayList<>();

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("test.small-special").title("attained only at N = 2, a tie and equal weights")
                    .statement("r \\le 1").provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test"))
                    .expected(Expectation.HOLDS).build();
        }

        @Override
        public Gen<Mix> instances() {
            return (r, size) -> {
                int n = 2 + r.nextInt(39);
                double[] v = Gens.gaussianVector(r, n);
                return new Mix(v, Gens.dirichlet(r, n, 1.0));
            };
        }

        @Override
        public Outcome check(Mix m) {
            checked.add(m);
            int n = m.v().length;
            if (n < 2) {
                return Outcome.discard("N = 1");
            }
            double r = 2.0 / n * (1 - Math.abs(m.v()[0] - m.v()[1]) / (Math.abs(m.v()[0]) + Math.abs(m.v()[1]) + 1))
                    * (1 - Math.abs(m.w()[0] - m.w()[1]));
            return r <= 1 ? Outcome.holds(r, "ok") : Outcome.fails(r, "above 1");
        }

        @Override
        public Shrinker<Mix> shrinker() {
            return m -> m.v().length <= 1 ? Stream.empty() : IntStream.range(0, m.v().length).mapToObj(i -> {
                double[] w = Shrink.removeIndex(m.w(), i);
                double s = Arrays.stream(w).sum();
                return s > 0 ? new Mix(Shrink.removeIndex(m.v(), i), Arrays.stream(w).map(x -> x / s).toArray()) : null;
            }).filter(java.util.Objects::nonNull);
        }
    }

    @Test
    void shrinkerJumpsAndEdgeMovesReachTheSmallSpecialInstanceWhereTheBoundIsAttained() {
        SmallSpecial claim = new SmallSpecial();
        Mix start = claim.instances().generate(new java.util.SplittableRandom(3), 100);
        while (start.v().length < 30) {
            start = claim.instances().generate(new java.util.SplittableRandom(start.v().length + 17L), 100);
        }
        double startRatio = ((Outcome.Checked) claim.check(start)).ratio();
        TargetedSearch.Result<Mix> r = TargetedSearch.of(claim).climb(List.of(start), 1000, Duration.ofSeconds(30), 5, false);
        assertTrue(startRatio < 0.1, "the start is far from tight: " + startRatio);
        assertTrue(r.ratio() >= 0.99, "reached " + r.ratio() + " at N = " + r.best().v().length + " from " + startRatio);
        assertEquals(2, r.best().v().length, "at N = 2");
    }

    @Test
    void theFreshInstancesAreTheRandomSequenceContinuedInOrder() {
        SmallSpecial claim = new SmallSpecial();
        InstanceSequence<Mix> sequence = new InstanceSequence<>(claim.instances(), 99);
        Mix start = sequence.at(0);
        int evaluations = 400;
        TargetedSearch.of(claim).run(List.of(new TargetedSearch.Start<>(start, ((Outcome.Checked) claim.check(start)).ratio())),
                j -> sequence.at(50 + j), 50, evaluations, Duration.ofSeconds(30), 7, false);
        int next = 50;
        int fresh = 0;
        for (Mix m : claim.checked) {
            if (sameMix(m, sequence.at(next))) {
                next++;
                fresh++;
            }
        }
        assertTrue(fresh >= 0.15 * evaluations, "about a quarter of the checks are the sequence's next instances, in order: " + fresh);
    }

    @Test
    void freshInstancesFromBothEndsTakeTheLargestSizeFirstThenTheSmallest() {
        InstanceSequence<Mix> sequence = new InstanceSequence<>(new SmallSpecial().instances(), 99, 100);
        assertEquals(List.of(100, 1, 99, 2, 98, 3), IntStream.range(0, 6).map(sequence::sizeFromBothEnds).boxed().toList());
        assertEquals(100, sequence.sizeFromBothEnds(200), "it cycles through the range");
        assertEquals(1, sequence.sizeFromBothEnds(201));
    }

    /**
     * On its own (no starts) the search checks a fresh instance first, grows its pool from fresh instances and climbs:
     * every check is one of its evaluations, and a sharpened bound (ratio above 0.95 fails) is met by climbing.
     */
    @Test
    void aSearchOnItsOwnStartsFromItsFirstFreshInstanceAndCountsEveryCheck() {
        SmallSpecial claim = new SmallSpecial();
        InstanceSequence<Mix> sequence = new InstanceSequence<>(claim.instances(), 99);
        TargetedSearch.Result<Mix> r = TargetedSearch.of(claim).run(List.of(), sequence::fromBothEnds, 0, 300,
                Duration.ofSeconds(30), 7, false);
        assertTrue(sameMix(claim.checked.get(0), sequence.fromBothEnds(0)), "the first check is the first fresh instance");
        assertEquals(300, r.evaluations(), "every check counts");
        assertEquals(300, claim.checked.size(), "and nothing is checked besides them");
        SearchComparison.Found<Mix> found = SearchComparison.targetedAlone(new SharpenedBound<>(new SmallSpecial(), 0.95), 99, 3000);
        assertTrue(found.checks() > 0, "the sharpened bound's counterexample is found");
        assertTrue(found.outcome().ratio() > 1, "a failing instance: " + found.outcome().ratio());
    }

    @Test
    void aSharpenedBoundsMutantsDecodeAsTheBoundsInstancesAndAClaimWithoutAConcreteInstanceTypeIsRefused() {
        InstanceCodec<Mix> codec = new InstanceCodec<>(new SharpenedBound<>(new SmallSpecial(), 0.95));
        Mix m = new Mix(new double[] {1, 2}, new double[] {0.5, 0.5});
        assertInstanceOf(Mix.class, codec.decode(codec.encode(m)));
        SmallSpecial inner = new SmallSpecial();
        Claim<Mix> generic = new Wrapper<>(inner);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new InstanceCodec<>(generic));
        assertTrue(e.getMessage().contains("concrete instance type"), e.getMessage());
    }

    @Test
    void aSharpenedBoundFailsWhereTheRatioExceedsTheFactor() {
        SharpenedBound<Mix> sharp = new SharpenedBound<>(new SmallSpecial(), 0.5);
        Outcome.Checked tight = (Outcome.Checked) sharp.check(new Mix(new double[] {1, 1}, new double[] {0.5, 0.5}));
        Outcome.Checked loose = (Outcome.Checked) sharp.check(new Mix(new double[] {1, 1, 1, 1, 1}, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}));
        assertEquals(2.0, tight.ratio(), 1e-12);
        assertTrue(!tight.holds(), "ratio 1 exceeds the sharpened constant × 0.5");
        assertEquals(0.8, loose.ratio(), 1e-12);
        assertTrue(loose.holds(), "ratio 0.4 stays under it");
        assertThrows(IllegalArgumentException.class, () -> new SharpenedBound<>(new SmallSpecial(), 1.5));
    }

    private static boolean sameMix(Mix a, Mix b) {
        return Arrays.equals(a.v(), b.v()) && Arrays.equals(a.w(), b.w());
    }

    /** A claim generic in its instance type: its JSON form cannot be known. */
    static final class Wrapper<I> implements Claim<I> {
        private final Claim<I> inner;

        Wrapper(Claim<I> inner) {
            this.inner = inner;
        }

        @Override
        public ClaimSpec spec() {
            return inner.spec();
        }

        @Override
        public Gen<I> instances() {
            return inner.instances();
        }

        @Override
        public Outcome check(I instance) {
            return inner.check(instance);
        }
    }
}
