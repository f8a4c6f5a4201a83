package org.pruneproof.theory.pretraining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PretrainingBoundsTest {

    @Test
    void distanceBoundIsEpsilonPlusSpreadOverRootN() {
        assertEquals(1 + 2.0 / 3, PretrainingBounds.greedyDistanceBound(1, 4, 9), 1e-15);
        assertEquals(9 + 2 * 1 * 3 + 4, PretrainingBounds.greedyStepBound(3, 1, 4), 1e-15);
    }

    @Test
    void corollaryAndThresholdForm() {
        assertEquals(2 * 0.5 + 2 * 8.0 / 4, PretrainingBounds.prunedLossBound(0.5, 8, 4), 1e-15);
        assertTrue(PretrainingBounds.thresholdPremise(2, 8, 4));
        assertFalse(PretrainingBounds.thresholdPremise(2.1, 8, 4));
        assertEquals(8, PretrainingBounds.thresholdBound(8, 4), 1e-15);
    }

    @Test
    void ntkRateAndThresholdSlopeForOrthonormalData() {
        assertEquals(Math.pow(0.95, 10), PretrainingBounds.ntkContraction(0.2, 0.5, 10), 1e-15);
        assertEquals(19.49572, PretrainingBounds.thresholdSlopeBound(0.2, 0.5), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> PretrainingBounds.thresholdSlopeBound(5, 1));
        assertThrows(IllegalArgumentException.class, () -> PretrainingBounds.greedyDistanceBound(1, 1, 0));
    }
}
