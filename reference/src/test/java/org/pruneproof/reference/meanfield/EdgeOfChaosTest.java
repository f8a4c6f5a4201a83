package org.pruneproof.reference.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;

/**
 * The EOC points against the table of docs/theory/hayou2021.md (an independent computation, given to 4
 * decimals), and the two methods of {@link EdgeOfChaos} against each other.
 */
class EdgeOfChaosTest {

    @ParameterizedTest(name = "{0} at sigma_b={1}: sigma_w={2}, q*={3}")
    @CsvSource({
            "tanh, 0.05, 1.1225, 0.1537",
            "tanh, 0.10, 1.1934, 0.2733",
            "tanh, 0.20, 1.3041, 0.5121",
            "tanh, 0.30, 1.3956, 0.7635",
            "tanh, 0.50, 1.5497, 1.3179",
            "tanh, 1.00, 1.8556, 3.0364",
            "elu, 0.10, 1.1761, 0.4378",
            "elu, 0.20, 1.2293, 1.1069",
            "elu, 0.50, 1.3061, 4.8866"})
    void fixedPointMatchesTheNotesTable(String name, double sigmaB, double sigmaW, double q) {
        EocPoint p = EdgeOfChaos.byFixedPoint(Activations.byName(name), sigmaB);
        assertEquals(sigmaW, p.sigmaW(), 6e-5, "sigma_w");
        assertEquals(q, p.q(), 6e-5, "q*");
        assertEquals(1, p.chi(), 1e-9, "chi at the point");
    }

    @ParameterizedTest(name = "{0} at sigma_b={1}")
    @CsvSource({"tanh, 0.05", "tanh, 0.2", "tanh, 1.0", "elu, 0.1", "elu, 0.5"})
    void rootFindingAgreesWithFixedPoint(String name, double sigmaB) {
        Activation phi = Activations.byName(name);
        EocPoint a = EdgeOfChaos.byFixedPoint(phi, sigmaB);
        EocPoint b = EdgeOfChaos.byRootFinding(phi, sigmaB, 1e-12);
        assertEquals(a.sigmaW(), b.sigmaW(), 1e-9);
        assertEquals(a.q(), b.q(), 1e-8 * Math.max(1, a.q()));
        assertEquals(1, b.chi(), 1e-9);
    }

    @Test
    void reluEdgeOfChaosIsSqrtTwoAtZeroBias() {
        EocPoint p = EdgeOfChaos.byFixedPoint(Activations.RELU, 0);
        assertEquals(Math.sqrt(2), p.sigmaW(), 1e-12);
        assertEquals(1, p.chi(), 1e-12);
    }

    @Test
    void reluHasNoEdgeOfChaosWithABias() {
        EdgeOfChaos.NoEdgeOfChaosException e = assertThrows(EdgeOfChaos.NoEdgeOfChaosException.class,
                () -> EdgeOfChaos.byFixedPoint(Activations.RELU, 0.1));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void authorsRoundedTanhConstantIsNotOnTheEdge() {
        // docs/theory/hayou2021.md: sigma_w = 1.2981 at sigma_b = 0.2 gives chi = 0.9967, q* = 0.5026
        MeanField mf = new MeanField(Activations.TANH, 0.2, 1.2981);
        double q = mf.fixedPointVariance(1, 1e-13);
        assertEquals(0.5026, q, 1e-4);
        assertEquals(0.9967, mf.chi(q), 1e-4);
    }

    @Test
    void negativeSigmaBIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EdgeOfChaos.byFixedPoint(Activations.TANH, -0.1));
    }
}
