package org.pruneproof.verification.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The model comparison tells logarithmic from power-law data it was given, and refuses too few points. */
class GrowthModelsTest {

    private static final double[] M = {250, 250, 500, 500, 1000, 1000, 2000, 2000, 4000, 4000, 8000, 8000};

    @Test
    void logarithmicDataPreferTheLogarithmicModel() {
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[M.length];
        for (int i = 0; i < M.length; i++) {
            y[i] = 10 + 8 * Math.log(M[i]) + 0.5 * (r.nextDouble() - 0.5);
        }
        GrowthModels g = GrowthModels.fit(M, y);
        assertEquals(8, g.logFit().slope(), 0.1);
        assertTrue(g.logAdvantage() > 0, "AIC(power) − AIC(log) = " + g.logAdvantage());
    }

    @Test
    void squareRootDataPreferThePowerLaw() {
        SplittableRandom r = new SplittableRandom(4);
        double[] y = new double[M.length];
        for (int i = 0; i < M.length; i++) {
            y[i] = 5 + 2 * Math.sqrt(M[i]) + 0.5 * (r.nextDouble() - 0.5);
        }
        GrowthModels g = GrowthModels.fit(M, y);
        assertEquals(0.5, g.alpha(), 0.02);
        assertTrue(g.logAdvantage() < -10, "AIC(power) − AIC(log) = " + g.logAdvantage());
        assertEquals(5 + 2 * Math.sqrt(3000), g.powerAt(3000), 1);
    }

    @Test
    void fewerThanFourPointsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GrowthModels.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    }
}
