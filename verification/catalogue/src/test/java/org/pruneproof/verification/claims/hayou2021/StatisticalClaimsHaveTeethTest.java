package org.pruneproof.verification.claims.hayou2021;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * The statistical Hayou et al. claims, judged with sampling error (standard errors, sign tests), still reject a
 * wrong setting: their allowances for noise do not make them unfalsifiable.
 */
class StatisticalClaimsHaveTeethTest {

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 7, "default", null, null, "test"));
    }

    @Test
    void scrEocSignTestRejectsAnOrderedInitialisation() {
        // σ_w = 1.1 (χ ≈ 0.87): deep nets collapse early, so most experiments fail and the median claim is rejected.
        ClaimResult r = runner().run(new ScrEoc(1.1));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.passRateTest().rejected() && r.passRateTest().failed() >= 11, r.reason());
    }

    @Test
    void chaoticSignTestRejectsAnOrderedInitialisation() {
        // σ_w = 0.9 (χ ≈ 0.67): the first layers collapse, never the last ones.
        ClaimResult r = runner().run(new ScrChaoticPhase(0.9));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.passRateTest().rejected(), r.reason());
    }

    @Test
    void scoreMomentSlopeTestRejectsA5PercentErrorInSigmaW() {
        // Nets initialised at 1.05·σ_w while χ is computed at σ_w: the slopes move by more than t·SE + the allowance.
        ClaimResult r = runner().run(new ScoreMomentRatio(0.05));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        assertTrue(r.reason().contains("slope − (−log χ)"), r.reason());
    }
}
