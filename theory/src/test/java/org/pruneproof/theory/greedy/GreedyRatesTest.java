package org.pruneproof.theory.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GreedyRatesTest {

    @Test
    void harmonicNumbersAreTheSumsOfReciprocals() {
        assertEquals(1.0, GreedyRates.harmonic(1), 0);
        assertEquals(1 + 0.5 + 1.0 / 3 + 0.25, GreedyRates.harmonic(4), 1e-15);
    }

    @Test
    void generalBoundIsSpreadTimesHarmonicOverN() {
        assertEquals(2 * 1.5 / 2, GreedyRates.generalBound(2, 2), 1e-15);
        assertEquals(0, GreedyRates.generalBound(0, 7), 0);
    }

    @Test
    void generalStepBoundIsTheOneStepRecursion() {
        // (n(n+1)e_n + V)/(n+1)² with n = 1, e_1 = 0.5, V = 1: (2·0.5 + 1)/4
        assertEquals(0.5, GreedyRates.generalStepBound(1, 0.5, 1), 1e-15);
        // telescoping the recursion from e_1 = V gives exactly V·H_n/n
        double e = 1;
        for (int n = 1; n < 50; n++) {
            e = GreedyRates.generalStepBound(n, e, 1);
        }
        assertEquals(GreedyRates.generalBound(1, 50), e, 1e-14);
    }

    @Test
    void interiorConstantIsHalfDSquaredOverRSquaredPlusDSquared() {
        // D = 2, r = 1: (4/2)² + 4 = 8
        assertEquals(8, GreedyRates.interiorConstant(2, 1), 1e-15);
        assertEquals(8.0 / 16, GreedyRates.interiorBound(2, 1, 4), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GreedyRates.interiorConstant(1, 0));
    }

    @Test
    void herdingStepBoundExpandsTheSquare() {
        // ‖w‖ = 3, r = 1, D = 2: 9 − 6 + 4
        assertEquals(7, GreedyRates.herdingStepBound(3, 1, 2), 1e-15);
    }

    @Test
    void rejectsNonPositiveN() {
        assertThrows(IllegalArgumentException.class, () -> GreedyRates.generalBound(1, 0));
        assertThrows(IllegalArgumentException.class, () -> GreedyRates.harmonic(0));
    }
}
