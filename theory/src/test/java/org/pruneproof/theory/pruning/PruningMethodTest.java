package org.pruneproof.theory.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's entries carry the rules the engines used to test by hand. */
class PruningMethodTest {

    @Test
    void onlySensitivityMethodsNeedGradients() {
        assertFalse(PruningMethod.RANDOM.needsGradients());
        assertFalse(PruningMethod.MAGNITUDE.needsGradients());
        assertTrue(PruningMethod.SNIP.needsGradients());
        assertTrue(PruningMethod.SBP_SR.needsGradients());
    }

    @Test
    void onlySbpSrRescalesAndOnlyOffResNets() {
        for (PruningMethod m : PruningMethod.values()) {
            boolean sr = m == PruningMethod.SBP_SR;
            assertEquals(sr, m.usesStableResNet(), m.cliName());
            assertEquals(sr, m.restoresNorms(false), m.cliName());
            assertFalse(m.restoresNorms(true), m.cliName() + ": a ResNet is never rescaled, its Stable variant is scored");
        }
    }

    @Test
    void commandLineNamesRoundTripAndUnknownOnesAreNamed() {
        assertEquals(List.of("random", "magnitude", "snip", "sbp-sr"), PruningMethod.cliNames());
        for (PruningMethod m : PruningMethod.values()) {
            assertEquals(m, PruningMethod.parse(m.cliName().toUpperCase(java.util.Locale.ROOT)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningMethod.parse("grasp"));
        assertEquals("unknown pruning method 'grasp'; expected random, magnitude, snip or sbp-sr", e.getMessage());
    }
}
