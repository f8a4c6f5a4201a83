package org.pruneproof.scaled.twolayer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The mini-batches of SGD, drawn by the reference engine's rule so that both engines use the same points:
 * an order array (initially 0 … m−1) persists across iterations; each iteration runs B steps of a partial
 * Fisher–Yates shuffle on it (for k = 0 … B−1: swap slots k and k + nextInt(m − k) of
 * {@code SplittableRandom(seed)}) and the batch is slots 0 … B−1, in that order.
 */
public final class BatchSampler {

    private final int[] order;
    private final int batch;
    private final SplittableRandom random;

    /**
     * @param points m ≥ 1
     * @param batch  B with 1 ≤ B ≤ m
     * @param seed   seed of the draws
     */
    public BatchSampler(int points, int batch, long seed) {
        if (points < 1 || batch < 1 || batch > points) {
            throw new IllegalArgumentException("batch: expected 1 ≤ B ≤ m, got B = " + batch + ", m = " + points);
        }
        this.batch = batch;
        this.order = new int[points];
        for (int i = 0; i < points; i++) {
            order[i] = i;
        }
        this.random = new SplittableRandom(seed);
    }

    /** The next batch: B distinct point indices. */
    public int[] next() {
        int m = order.length;
        for (int k = 0; k < batch; k++) {
            int j = k + random.nextInt(m - k);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
        }
        return Arrays.copyOf(order, batch);
    }
}
