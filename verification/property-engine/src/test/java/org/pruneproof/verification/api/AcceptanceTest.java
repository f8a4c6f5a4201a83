package org.pruneproof.verification.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptanceTest {

    @Test
    void everyInstanceRejectsOnTheFirstFailure() {
        Acceptance a = Acceptance.everyInstance();
        assertTrue(a.rejects(1, 1000));
        assertFalse(a.rejects(0, 1000));
        assertEquals(0, a.pValue(1, 1000));
    }

    @Test
    void signTestPValueIsTheBinomialTail() {
        // P(Bin(10, 1/2) ≥ 8) = (C(10,8) + C(10,9) + C(10,10)) / 2^10 = (45 + 10 + 1) / 1024.
        assertEquals(56.0 / 1024, Acceptance.median().pValue(8, 10), 1e-12);
        // P(Bin(3, 0.1) ≥ 2) = 3·0.01·0.9 + 0.001 = 0.028.
        assertEquals(0.028, Acceptance.passRate(0.9, 0.01).pValue(2, 3), 1e-12);
        assertEquals(1, Acceptance.median().pValue(0, 10));
    }

    @Test
    void fewestFailuresToRejectGrowWithTheExperiments() {
        Acceptance a = Acceptance.median();
        // 2^-7 < 0.01 ≤ 2^-6: seven of seven failures reject, six of six do not.
        assertEquals(7, a.failuresToReject(7));
        assertEquals(7, a.failuresToReject(6), "none can: checked + 1");
        // Bin(20, 1/2): P(≥ 16) = 6196/2^20 ≈ 0.0059 ≤ 0.01 < P(≥ 15) ≈ 0.0207.
        assertEquals(16, a.failuresToReject(20));
    }

    @Test
    void invalidRatesAndLevelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Acceptance.passRate(1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Acceptance.passRate(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Acceptance.passRate(0.5, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new Acceptance(1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Acceptance.median().pValue(3, 2));
    }
}
