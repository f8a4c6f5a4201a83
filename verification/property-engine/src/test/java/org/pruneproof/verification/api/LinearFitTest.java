package org.pruneproof.verification.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void exactLineHasItsSlopeInterceptAndRSquaredOne() {
        LinearFit f = LinearFit.of(new double[] {1, 2, 3}, new double[] {5, 7, 9});
        assertEquals(2, f.slope(), 1e-12);
        assertEquals(3, f.intercept(), 1e-12);
        assertEquals(1, f.rSquared(), 1e-12);
    }

    @Test
    void noisyPointsMatchTheTextbookValues() {
        LinearFit f = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5});
        assertEquals(1.1, f.slope(), 1e-12);
        assertEquals(1.1, f.intercept(), 1e-12);
        assertEquals(1 - 2.7 / 8.75, f.rSquared(), 1e-12);
    }

    @Test
    void powerLawSlopeFromLogLog() {
        assertEquals(-2, LinearFit.logLog(new double[] {1, 10, 100}, new double[] {1, 1e-2, 1e-4}).slope(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LinearFit.logLog(new double[] {1, 2}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 1}, new double[] {1, 2}));
    }
}
