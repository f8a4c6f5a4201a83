package org.pruneproof.scaled.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * The scaled greedy step against a brute-force oracle written here from the definition: every
 * candidate's loss {@code (1/m)·‖(s + φ_i)/n − y‖²} computed directly in double.
 */
class ScaledGreedySelectionTest {

    /** Brute force: the definition, lowest index among values within relative 1e-12 of the minimum. */
    static GreedyPath oracle(double[][] phi, double[] y, int steps, boolean withReplacement, int[][] candidatesPerStep) {
        int n = phi.length;
        int m = y.length;
        double[] s = new double[m];
        boolean[] used = new boolean[n];
        int[] sel = new int[steps];
        double[] loss = new double[steps];
        for (int step = 1; step <= steps; step++) {
            double[] l = new double[n];
            Arrays.fill(l, Double.POSITIVE_INFINITY);
            int[] cands = candidatesPerStep == null ? null : candidatesPerStep[step - 1];
            for (int i = 0; i < n; i++) {
                final int neuron = i;
                boolean isCandidate = cands == null || Arrays.stream(cands).anyMatch(c -> c == neuron);
                if ((!withReplacement && used[i]) || !isCandidate) {
                    continue;
                }
                double t = 0;
                for (int j = 0; j < m; j++) {
                    double d = (s[j] + phi[i][j]) / step - y[j];
                    t += d * d;
                }
                l[i] = t / m;
            }
            double min = Arrays.stream(l).min().getAsDouble();
            int best = 0;
            while (!(l[best] <= min + 1e-12 * Math.abs(min))) {
                best++;
            }
            used[best] = true;
            for (int j = 0; j < m; j++) {
                s[j] += phi[best][j];
            }
            sel[step - 1] = best;
            loss[step - 1] = l[best];
        }
        return new GreedyPath(sel, loss);
    }

    static double[][] gaussian(SplittableRandom r, int n, int m) {
        double[][] a = new double[n][m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return a;
    }

    static double[] gaussian(SplittableRandom r, int m) {
        return gaussian(r, 1, m)[0];
    }

    private static void assertLossesClose(double[] expected, double[] actual, double rel, double abs) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            double err = Math.abs(expected[k] - actual[k]);
            assertTrue(err <= rel * Math.abs(expected[k]) + abs,
                    "step " + (k + 1) + ": " + actual[k] + " vs " + expected[k]);
        }
    }

    @Test
    void float64MatchesTheDefinitionOnRandomNetworks() {
        SplittableRandom r = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(40);
            int m = 1 + r.nextInt(25);
            double[][] phi = gaussian(r, n, m);
            double[] y = gaussian(r, m);
            int steps = 1 + r.nextInt(60);
            GreedyPath expected = oracle(phi, y, steps, true, null);
            GreedyPath actual = ScaledGreedySelection.withReplacement(phi, y, steps, Precision.FLOAT64);
            assertArrayEquals(expected.selected(), actual.selected(), "trial " + trial);
            assertLossesClose(expected.loss(), actual.loss(), 1e-12, 1e-15);
        }
    }

    @Test
    void float32LossesAreCloseToTheDefinition() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] phi = gaussian(r, 50, 20);
        double[] y = gaussian(r, 20);
        GreedyPath expected = oracle(phi, y, 30, true, null);
        GreedyPath actual = ScaledGreedySelection.withReplacement(phi, y, 30, Precision.FLOAT32);
        assertLossesClose(expected.loss(), actual.loss(), 1e-4, 1e-6);
    }

    @Test
    void tiesGoToTheLowestIndex() {
        double[] row = {1, -2, 0.5};
        double[][] phi = {{3, 3, 3}, row.clone(), row.clone(), row.clone()};
        GreedyPath run = ScaledGreedySelection.withReplacement(phi, new double[] {1, -2, 0.5}, 5, Precision.FLOAT32);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, run.selected());
        for (double l : run.loss()) {
            assertEquals(0.0, l, "the target is a neuron: the loss is exactly zero");
        }
    }

    @Test
    void tinyLossesKeepTheirRelativeAccuracy() {
        // y lies very close to neuron 2: the expanded formula alone would lose every digit of L_1.
        double[][] phi = {{1, 0}, {0, 1}, {1, 1}};
        double[] y = {1 + 1e-9, 1};
        GreedyPath run = ScaledGreedySelection.withReplacement(phi, y, 1, Precision.FLOAT64);
        assertEquals(2, run.selected()[0]);
        assertEquals(1e-18 / 2, run.loss()[0], 1e-6 * 1e-18 / 2);
    }

    @Test
    void withoutReplacementChoosesEachNeuronAtMostOnce() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] phi = gaussian(r, 12, 7);
        double[] y = gaussian(r, 7);
        Features f = Features.of(phi, Precision.FLOAT64);
        GreedyPath run = ScaledGreedySelection.run(f, y, 12, Replacement.WITHOUT);
        GreedyPath expected = oracle(phi, y, 12, false, null);
        assertArrayEquals(expected.selected(), run.selected());
        assertLossesClose(expected.loss(), run.loss(), 1e-12, 1e-15);
        assertEquals(12, Arrays.stream(run.selected()).distinct().count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaledGreedySelection.run(f, y, 13, Replacement.WITHOUT));
        assertTrue(e.getMessage().contains("at most N = 12"), e.getMessage());
    }

    @Test
    void randomCandidatesFollowTheDocumentedDraw() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 20;
        double[][] phi = gaussian(r, n, 6);
        double[] y = gaussian(r, 6);
        int steps = 10;
        int c = 4;
        for (boolean withReplacement : new boolean[] {true, false}) {
            GreedyPath run = ScaledGreedySelection.run(Features.of(phi, Precision.FLOAT64), y, steps,
                    withReplacement ? Replacement.WITH : Replacement.WITHOUT, new CandidateSampler(c, new SplittableRandom(99)));
            // Replay the documented rule: a persistent pool, a partial Fisher–Yates draw of its first c
            // slots, and (without replacement) the chosen slot swapped to the end of the pool.
            SplittableRandom draws = new SplittableRandom(99);
            int[] pool = java.util.stream.IntStream.range(0, n).toArray();
            int poolSize = n;
            int[][] cands = new int[steps][];
            GreedyPath expected = null;
            for (int step = 0; step < steps; step++) {
                for (int t = 0; t < c; t++) {
                    int j = t + draws.nextInt(poolSize - t);
                    int tmp = pool[t];
                    pool[t] = pool[j];
                    pool[j] = tmp;
                }
                cands[step] = Arrays.copyOf(pool, c);
                expected = oracle(phi, y, step + 1, withReplacement, cands);
                int chosen = expected.selected()[step];
                if (!withReplacement) {
                    int slot = 0;
                    while (pool[slot] != chosen) {
                        slot++;
                    }
                    pool[slot] = pool[poolSize - 1];
                    pool[poolSize - 1] = chosen;
                    poolSize--;
                }
            }
            assertArrayEquals(expected.selected(), run.selected(), "with replacement: " + withReplacement);
            assertLossesClose(expected.loss(), run.loss(), 1e-12, 1e-15);
        }
    }

    @Test
    void asManyCandidatesAsNeuronsIsPlainGreedy() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] phi = gaussian(r, 9, 5);
        double[] y = gaussian(r, 5);
        Features f = Features.of(phi, Precision.FLOAT64);
        assertEquals(ScaledGreedySelection.run(f, y, 15, Replacement.WITH),
                ScaledGreedySelection.run(f, y, 15, Replacement.WITH, new CandidateSampler(9, new SplittableRandom(1))));
    }

    @Test
    void sameSeedSameRun() {
        SplittableRandom r = new SplittableRandom(6);
        double[][] phi = gaussian(r, 30, 8);
        double[] y = gaussian(r, 8);
        Features f = Features.of(phi, Precision.FLOAT32);
        assertEquals(ScaledGreedySelection.run(f, y, 20, Replacement.WITH, new CandidateSampler(3, new SplittableRandom(7))),
                ScaledGreedySelection.run(f, y, 20, Replacement.WITH, new CandidateSampler(3, new SplittableRandom(7))));
    }

    @Test
    void badInputsAreRefusedWithClearMessages() {
        double[][] phi = {{1, 2}, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaledGreedySelection.withReplacement(phi, new double[] {1}, 1, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("expected m = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScaledGreedySelection.withReplacement(phi, new double[] {1, Double.NaN}, 1, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScaledGreedySelection.withReplacement(phi, new double[] {1, 2}, 0, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("steps must be ≥ 1"), e.getMessage());
    }
}
