package org.pruneproof.reference.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class InradiusTest {

    private static final DMatrixRMaj SQUARE = new DMatrixRMaj(new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {0.2, 0.3}});

    @Test
    void squareAroundInteriorAndExteriorPoints() {
        // Euclidean distances 1, 0.5 and −1; the (1/m) geometry divides by √2
        assertEquals(1 / Math.sqrt(2), Inradius.of(SQUARE, new double[] {0, 0}), 1e-15);
        assertEquals(0.5 / Math.sqrt(2), Inradius.of(SQUARE, new double[] {0.5, 0}), 1e-15);
        assertEquals(-1 / Math.sqrt(2), Inradius.of(SQUARE, new double[] {2, 0}), 1e-15);
    }

    @Test
    void cubeAndInterval() {
        double[][] cube = new double[9][3];
        for (int k = 0; k < 8; k++) {
            cube[k] = new double[] {(k & 1) == 0 ? -1 : 1, (k & 2) == 0 ? -1 : 1, (k & 4) == 0 ? -1 : 1};
        }
        cube[8] = new double[] {0.1, -0.2, 0.3};
        assertEquals(1 / Math.sqrt(3), Inradius.of(new DMatrixRMaj(cube), new double[3]), 1e-15);
        assertEquals(0.5 / Math.sqrt(3), Inradius.of(new DMatrixRMaj(cube), new double[] {0, 0, 0.5}), 1e-15);
        assertEquals(1, Inradius.of(new DMatrixRMaj(new double[][] {{-1}, {3}, {0.5}}), new double[] {0}), 0);
    }

    @Test
    void flatHullsHaveNoInterior() {
        DMatrixRMaj line = new DMatrixRMaj(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        assertTrue(Inradius.of(line, new double[] {1, 1}) <= 0);
        assertTrue(Inradius.of(line, new double[] {1, 0}) < 0);
        DMatrixRMaj plane = new DMatrixRMaj(new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}});
        assertTrue(Inradius.of(plane, new double[] {0.5, 0.5, 0}) <= 0);
        assertThrows(IllegalArgumentException.class, () -> Inradius.of(new DMatrixRMaj(5, 4), new double[4]));
    }

    /**
     * The support-function form r = min_{‖u‖=1} max_i ⟨u, φ_i − y⟩ evaluated on many directions is an
     * over-estimate of r that converges to it.
     */
    @Test
    void agreesWithTheSupportFunctionOverSampledDirections() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 30; trial++) {
            int m = 2 + trial % 2;
            DMatrixRMaj phi = Fixtures.gaussian(r, 12, m);
            double[] y = new double[m];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < m; j++) {
                    y[j] += phi.get(i, j) / 12;
                }
            }
            double exact = Inradius.of(phi, y) * Math.sqrt(m);
            double sampled = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 200_000; k++) {
                double[] u = Fixtures.gaussian(r, m);
                double norm = Math.sqrt(java.util.Arrays.stream(u).map(x -> x * x).sum());
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < 12; i++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += u[j] / norm * (phi.get(i, j) - y[j]);
                    }
                    max = Math.max(max, s);
                }
                sampled = Math.min(sampled, max);
            }
            assertTrue(exact <= sampled + 1e-12, "exact " + exact + " above sampled " + sampled);
            assertEquals(sampled, exact, m == 2 ? 1e-4 : 3e-2, "m = " + m);
        }
    }
}
