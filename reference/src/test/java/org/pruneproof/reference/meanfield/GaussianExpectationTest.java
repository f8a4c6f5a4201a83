package org.pruneproof.reference.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.meanfield.ReluMeanField;

/** Quadrature against moments known in closed form. */
class GaussianExpectationTest {

    @Test
    void evenMomentsOfTheNormal() {
        assertEquals(1, GaussianExpectation.of(z -> 1, 1, new double[0]), 1e-12);
        assertEquals(2.5, GaussianExpectation.of(z -> z * z, 2.5, new double[0]), 1e-11);
        assertEquals(3 * 0.7 * 0.7, GaussianExpectation.of(z -> z * z * z * z, 0.7, new double[0]), 1e-11);
    }

    @Test
    void reluMomentsSplitAtTheKink() {
        double q = 1.7;
        assertEquals(q / 2, GaussianExpectation.of(z -> z > 0 ? z * z : 0, q, new double[] {0}), 1e-12);
        assertEquals(0.5, GaussianExpectation.of(z -> z >= 0 ? 1 : 0, q, new double[] {0}), 1e-12);
        assertEquals(Math.sqrt(q / (2 * Math.PI)), GaussianExpectation.of(z -> Math.max(z, 0), q, new double[] {0}), 1e-12);
    }

    @Test
    void eluMeanInClosedForm() {
        // E[elu(sZ)] = s/sqrt(2π) + E[(e^{sZ} − 1)1{Z<0}] = s·pdf(0) + e^{s²/2}Φ(−s) − 1/2
        double s = 1.3;
        double expected = s / Math.sqrt(2 * Math.PI)
                + Math.exp(s * s / 2) * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-s) - 0.5;
        assertEquals(expected, GaussianExpectation.of(Activations.ELU::value, s * s, Activations.ELU.kinks()), 1e-12);
    }

    @Test
    void reluCorrelationMapByQuadratureMatchesTheArcCosineKernel() {
        MeanField mf = new MeanField(Activations.RELU, 0, Math.sqrt(2));
        for (double c : new double[] {-1, -0.6, 0, 0.3, 0.9, 0.999, 1}) {
            assertEquals(ReluMeanField.eocCorrelation(c), mf.correlation(c, 1.3), 1e-9, "c=" + c);
        }
    }
}
