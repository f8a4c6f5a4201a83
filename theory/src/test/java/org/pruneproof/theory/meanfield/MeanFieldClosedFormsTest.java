package org.pruneproof.theory.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The closed forms of docs/theory/hayou2021.md. */
class MeanFieldClosedFormsTest {

    @Test
    void reluCorrelationMapFixesOneAndHasUnitSlopeThere() {
        assertEquals(1, ReluMeanField.eocCorrelation(1), 1e-15);
        assertEquals(1 / Math.PI, ReluMeanField.eocCorrelation(0), 1e-15);
        double eps = 1e-8;
        assertEquals(1, (1 - ReluMeanField.eocCorrelation(1 - eps)) / eps, 1e-3);
        assertEquals(1, ReluMeanField.chi(Math.sqrt(2)), 1e-15);
    }

    @Test
    void reluCorrelationRateOfTheNotes() {
        // an independent computation: from c0 = 0.5, l²(1 − c^l) = 42.96 at l = 1e3 and 44.23 at l = 1e4
        assertEquals(42.96, 1e6 * ReluMeanField.eocCorrelationGapAfter(0.5, 1000), 0.01);
        assertEquals(44.23, 1e8 * ReluMeanField.eocCorrelationGapAfter(0.5, 10000), 0.01);
        for (double c : new double[] {-1, -0.3, 0, 0.5, 0.9, 0.999}) {
            assertEquals(1 - ReluMeanField.eocCorrelation(c), ReluMeanField.eocCorrelationGap(1 - c), 1e-14);
        }
    }

    @Test
    void stableResNetGrowthIncreasesToItsLimit() {
        double prev = 0;
        for (int l = 1; l <= 1000; l *= 10) {
            double g = ResNetMeanField.stableVarianceGrowth(Math.sqrt(2), l);
            assertTrue(g > prev && g < Math.E);
            prev = g;
        }
        assertEquals(Math.pow(2, 10), ResNetMeanField.varianceGrowth(Math.sqrt(2), 1, 10), 1e-9);
    }

    @Test
    void recalledBoundOfTheNotes() {
        // docs/theory/hayou2021.md: 0.85 at L = 100, N = 100, κ = 0.141 (χ = 0.324)
        assertEquals(0.85, CriticalSparsityBounds.orderedPhaseRecalled(0.324, 100, 100), 0.01);
    }
}
