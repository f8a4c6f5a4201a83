package org.pruneproof.reference.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SimplexLeastSquaresTest {

    @Test
    void projectionOntoTheSimplex() {
        double[] v = {0.5, 0.5, 0.5};
        SimplexLeastSquares.projectOntoSimplex(v);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, v, 1e-15);
        double[] w = {2, 0, 0};
        SimplexLeastSquares.projectOntoSimplex(w);
        assertArrayEquals(new double[] {1, 0, 0}, w, 0);
        double[] u = {0.9, 0.3, -1};
        SimplexLeastSquares.projectOntoSimplex(u);
        assertArrayEquals(new double[] {0.8, 0.2, 0}, u, 1e-15);
    }

    @Test
    void targetOutsideTheTriangleProjectsOntoTheFarEdge() {
        // triangle (0,0), (1,0), (0,1); y = (1,1) projects to (1/2, 1/2); L = (1/2)(1/4 + 1/4)
        DMatrixRMaj phi = new DMatrixRMaj(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        SimplexLeastSquares.Fit fit = SimplexLeastSquares.solve(phi, new double[] {1, 1}, 1e-13, 100_000);
        assertEquals(0.25, fit.loss(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, fit.alpha(), 1e-6);
        assertTrue(fit.dualityGap() <= 1e-12 && fit.dualityGap() >= -1e-15, "gap " + fit.dualityGap());
        assertTrue(fit.lowerBound() <= 0.25 + 1e-15);
    }

    @Test
    void realizableTargetsReachZeroLoss() {
        SplittableRandom r = new SplittableRandom(1);
        DMatrixRMaj phi = Fixtures.gaussian(r, 30, 5);
        double[] alpha = new double[30];
        Arrays.fill(alpha, 1.0 / 30);
        double[] y = FeatureGeometry.combination(phi, alpha);
        SimplexLeastSquares.Fit fit = SimplexLeastSquares.solve(phi, y, 1e-10, 50_000);
        assertTrue(fit.loss() < 1e-10, "loss " + fit.loss());
        assertEquals(1, Arrays.stream(fit.alpha()).sum(), 1e-12);
        assertTrue(Arrays.stream(fit.alpha()).allMatch(a -> a >= 0));
    }

    @Test
    void theSolutionBeatsEveryVertexAndEveryEdgeMidpoint() {
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 10; trial++) {
            DMatrixRMaj phi = Fixtures.gaussian(r, 8, 6);
            double[] y = Fixtures.gaussian(r, 6);
            for (int j = 0; j < 6; j++) {
                y[j] *= 3;
            }
            SimplexLeastSquares.Fit fit = SimplexLeastSquares.solve(phi, y, 1e-12, 100_000);
            for (int i = 0; i < 8; i++) {
                for (int k = i; k < 8; k++) {
                    assertTrue(fit.loss() <= Fixtures.lossOfMean(phi, new int[] {i, k}, y) + 1e-12);
                }
            }
            assertTrue(fit.dualityGap() <= 1e-9 * Math.max(1, fit.loss()), "gap " + fit.dualityGap());
        }
    }
}
