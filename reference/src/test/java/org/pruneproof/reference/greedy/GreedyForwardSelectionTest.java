package org.pruneproof.reference.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.greedy.GreedyPath;

class GreedyForwardSelectionTest {

    /** Rows (−1,0), (1,0), (0,1), (0,−1), y = 0 (notes ye2020.md §7.1). */
    private static final DMatrixRMaj CROSS = new DMatrixRMaj(new double[][] {{-1, 0}, {1, 0}, {0, 1}, {0, -1}});

    @Test
    void withReplacementReachesZeroThenMovesAwayOnTheCross() {
        GreedyPath p = GreedyForwardSelection.withReplacement(CROSS, new double[2], 3);
        assertArrayEquals(new int[] {0, 1, 0}, p.selected());
        assertArrayEquals(new double[] {0.5, 0, 1.0 / 18}, p.loss(), 1e-15);
    }

    @Test
    void withoutReplacementNeverRepeatsAndEndsAtTheDenseAverage() {
        SplittableRandom r = new SplittableRandom(1);
        DMatrixRMaj phi = Fixtures.gaussian(r, 12, 4);
        double[] y = Fixtures.gaussian(r, 4);
        GreedyPath p = GreedyForwardSelection.withoutReplacement(phi, y, 12);
        int[] sorted = p.selected();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, 12).toArray(), sorted, "each neuron exactly once");
        for (int n = 1; n <= 12; n++) {
            assertEquals(Fixtures.lossOfMean(phi, Arrays.copyOf(p.selected(), n), y), p.lossAt(n), 1e-13);
        }
    }

    @Test
    void withoutReplacementOnTheCrossMustTakeAThirdNeuron() {
        GreedyPath p = GreedyForwardSelection.withoutReplacement(CROSS, new double[2], 3);
        assertArrayEquals(new int[] {0, 1, 2}, p.selected());
        assertEquals(1.0 / 18, p.lossAt(3), 1e-15);
    }

    @Test
    void eachStepOfWithoutReplacementIsTheBestUnusedNeuron() {
        SplittableRandom r = new SplittableRandom(2);
        DMatrixRMaj phi = Fixtures.gaussian(r, 9, 3);
        double[] y = Fixtures.gaussian(r, 3);
        GreedyPath p = GreedyForwardSelection.withoutReplacement(phi, y, 6);
        for (int n = 1; n <= 6; n++) {
            int[] prefix = Arrays.copyOf(p.selected(), n);
            for (int i = 0; i < 9; i++) {
                final int cand = i;
                if (Arrays.stream(prefix, 0, n - 1).noneMatch(k -> k == cand)) {
                    int[] alt = prefix.clone();
                    alt[n - 1] = i;
                    assertTrue(p.lossAt(n) <= Fixtures.lossOfMean(phi, alt, y) * (1 + 1e-12),
                            "step " + n + ": neuron " + i + " would have been better");
                }
            }
        }
    }

    @Test
    void allCandidatesGiveTheFullGreedy() {
        SplittableRandom r = new SplittableRandom(3);
        DMatrixRMaj phi = Fixtures.gaussian(r, 10, 5);
        double[] y = Fixtures.gaussian(r, 5);
        assertEquals(GreedyForwardSelection.withReplacement(phi, y, 30),
                GreedyForwardSelection.withReplacement(phi, y, 30, 10, new SplittableRandom(9)));
        assertEquals(GreedyForwardSelection.withoutReplacement(phi, y, 10),
                GreedyForwardSelection.withoutReplacement(phi, y, 10, 50, new SplittableRandom(9)));
    }

    @Test
    void sampledCandidatesAreReproducibleFromTheSeedAndKeepTheLossesTrue() {
        SplittableRandom r = new SplittableRandom(4);
        DMatrixRMaj phi = Fixtures.gaussian(r, 40, 3);
        double[] y = Fixtures.gaussian(r, 3);
        GreedyPath a = GreedyForwardSelection.withReplacement(phi, y, 25, 3, new SplittableRandom(5));
        GreedyPath b = GreedyForwardSelection.withReplacement(phi, y, 25, 3, new SplittableRandom(5));
        assertEquals(a, b);
        assertNotEquals(a, GreedyForwardSelection.withReplacement(phi, y, 25));
        GreedyPath c = GreedyForwardSelection.withoutReplacement(phi, y, 25, 3, new SplittableRandom(5));
        assertEquals(25, Arrays.stream(c.selected()).distinct().count(), "no repeats");
        for (GreedyPath p : new GreedyPath[] {a, c}) {
            for (int n = 1; n <= 25; n++) {
                assertEquals(Fixtures.lossOfMean(phi, Arrays.copyOf(p.selected(), n), y), p.lossAt(n), 1e-13);
            }
        }
    }

    @Test
    void rejectsMoreStepsThanNeuronsWithoutReplacementAndBadCandidateCounts() {
        assertThrows(IllegalArgumentException.class, () -> GreedyForwardSelection.withoutReplacement(CROSS, new double[2], 5));
        assertThrows(IllegalArgumentException.class,
                () -> GreedyForwardSelection.withReplacement(CROSS, new double[2], 2, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> GreedyForwardSelection.withReplacement(CROSS, new double[2], 2, 2, null));
    }

    @Test
    void featuresWhoseSquaredLossOverflowsAreRefusedNotAnsweredWithInfiniteLosses() {
        DMatrixRMaj huge = new DMatrixRMaj(new double[][] {{1e200, 0}, {-1e200, 3e200}});
        for (boolean replacement : new boolean[] {true, false}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                if (replacement) {
                    GreedyForwardSelection.withReplacement(huge, new double[2], 2);
                } else {
                    GreedyForwardSelection.withoutReplacement(huge, new double[2], 2);
                }
            });
            assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        }
    }
}
