package org.pruneproof.scaled.data;

import java.util.SplittableRandom;

/** Seeded random permutations (Fisher–Yates: for i = n−1 … 1 swap i with a uniform j ≤ i). */
public final class Shuffles {

    private Shuffles() {
    }

    /** A uniformly random permutation of {@code 0..n−1} drawn from {@code random}. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** An endless walk over {@code 0..n−1}: a seeded random permutation, a new one after each pass. */
    public static final class Walk {
        private final int n;
        private final SplittableRandom random;
        private int[] order;
        private int position;

        public Walk(int n, long seed) {
            this.n = n;
            this.random = new SplittableRandom(seed);
            this.order = permutation(n, random);
        }

        /** The next {@code count} indices. */
        public int[] next(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1, got " + count);
            }
            int[] idx = new int[count];
            for (int b = 0; b < count; b++) {
                if (position == order.length) {
                    order = permutation(n, random);
                    position = 0;
                }
                idx[b] = order[position++];
            }
            return idx;
        }
    }
}
