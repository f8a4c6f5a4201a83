package org.pruneproof.scaled.greedy;

import java.util.SplittableRandom;

/**
 * The random-candidate rule of greedy selection: at each step only C distinct random candidates are
 * evaluated. Defined exactly so that every engine draws the same candidates from the same seed:
 *
 * <ol>
 *   <li>Let E be the eligible neurons in increasing index order: all N neurons with replacement, the
 *       not yet selected ones without replacement.</li>
 *   <li>If C ≥ |E|, every eligible neuron is a candidate and <em>no</em> random number is drawn.</li>
 *   <li>Otherwise copy E into an array a and run C steps of a partial Fisher–Yates shuffle:
 *       for t = 0, …, C−1: {@code j = t + random.nextInt(|E| − t)}; swap a[t] and a[j].
 *       The candidates are a[0], …, a[C−1] (the array is rebuilt from E at every step).</li>
 *   <li>The chosen neuron is the candidate of least loss; ties (relative 1e-12 of the minimum) go to
 *       the lowest neuron index, not to the earliest draw.</li>
 * </ol>
 * The random source is a {@link SplittableRandom} created by the caller from the user's seed and used
 * only by this rule, one step after another.
 */
public final class CandidateSampler {

    private final int count;
    private final SplittableRandom random;

    /**
     * @param count  C ≥ 1 candidates per step
     * @param random the seeded source, consumed as described in the class comment
     */
    public CandidateSampler(int count, SplittableRandom random) {
        if (count < 1) {
            throw new IllegalArgumentException("number of candidates must be ≥ 1, got " + count);
        }
        this.count = count;
        this.random = java.util.Objects.requireNonNull(random, "random");
    }

    /** C. */
    public int count() {
        return count;
    }

    /**
     * The candidates of one step.
     *
     * @param eligible the eligible neurons E in increasing order (not modified)
     * @return the candidates: E itself when C ≥ |E|, else C distinct draws in draw order
     */
    public int[] draw(int[] eligible) {
        if (count >= eligible.length) {
            return eligible;
        }
        int[] a = eligible.clone();
        for (int t = 0; t < count; t++) {
            int j = t + random.nextInt(a.length - t);
            int tmp = a[t];
            a[t] = a[j];
            a[j] = tmp;
        }
        return java.util.Arrays.copyOf(a, count);
    }
}
