package org.pruneproof.scaled.greedy;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The random-candidate rule of greedy selection: at each step only C distinct random candidates are
 * evaluated. It is the rule of the reference engine
 * ({@code reference.greedy.GreedyForwardSelection}), so both engines draw the same candidates from
 * the same seed:
 *
 * <ol>
 *   <li>A pool array holds the eligible neurons in slots [0, P): initially 0, 1, …, N − 1 in order,
 *       P = N. It persists from step to step.</li>
 *   <li>Each step scores k = min(C, P) neurons. If k &lt; P, a partial Fisher–Yates shuffle moves a
 *       uniform k-subset to the front: for c = 0, …, k − 1, swap slots c and
 *       {@code c + random.nextInt(P − c)}. If k = P no random number is drawn.</li>
 *   <li>The candidates are the neurons in slots [0, k). The chosen one is the candidate of least loss;
 *       ties (relative 1e-12 of the minimum) go to the lowest neuron index.</li>
 *   <li>Without replacement the chosen neuron's slot is swapped with slot P − 1 and P decreases by
 *       one; with replacement the pool keeps its (shuffled) order.</li>
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
        this.random = Objects.requireNonNull(random, "random");
    }

    /** C. */
    public int count() {
        return count;
    }

    /**
     * Moves this step's candidates to the front of the pool (step 2 of the class comment).
     *
     * @param pool     the pool, slots [0, poolSize) eligible; permuted in place
     * @param poolSize P
     * @return k = min(C, P), the number of candidates, in slots [0, k)
     */
    public int draw(int[] pool, int poolSize) {
        int scored = Math.min(count, poolSize);
        if (scored < poolSize) {
            for (int c = 0; c < scored; c++) {
                int j = c + random.nextInt(poolSize - c);
                int tmp = pool[c];
                pool[c] = pool[j];
                pool[j] = tmp;
            }
        }
        return scored;
    }
}
