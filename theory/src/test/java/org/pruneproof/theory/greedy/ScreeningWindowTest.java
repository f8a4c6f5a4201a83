package org.pruneproof.theory.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScreeningWindowTest {

    @Test
    void theWindowIsTheStatedSumOfItsThreeTerms() {
        // ‖r‖² = 4, η = 1/2, max‖φ‖² = 9, min = 10, m = 16, u = 2⁻²⁴: γ = 4·(4 + 4)·2⁻²⁴ = 2⁻¹⁹, c = 2·½·3·2 = 6
        double gamma = 0x1p-19;
        double expected = 2 * gamma * 6 + 8 * 0x1p-53 * (4 + 6 + 0.25 * 9) + 2 * 1e-12 * 10;
        assertEquals(expected, ScreeningWindow.width(4, 0.5, 9, 10, 16, 0x1p-24), 1e-18);
    }

    @Test
    void float64ScreeningIsTighterThanFloat32ByTheRatioOfTheirRoundoffs() {
        double w32 = ScreeningWindow.width(1, 0.1, 1, 0, 100, 0x1p-24);
        double w64 = ScreeningWindow.width(1, 0.1, 1, 0, 100, 0x1p-53);
        assertTrue(w32 / w64 > 1e6, w32 + " vs " + w64);
    }
}
