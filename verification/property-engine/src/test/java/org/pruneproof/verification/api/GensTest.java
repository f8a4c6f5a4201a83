package org.pruneproof.verification.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The basic generators produce values in their stated sets, reproducibly. */
class GensTest {

    @Test
    void dirichletWeightsLieOnTheSimplex() {
        SplittableRandom r = new SplittableRandom(1);
        for (double conc : new double[] {0.1, 0.5, 1, 5}) {
            for (int k = 1; k <= 20; k++) {
                double[] w = Gens.dirichlet(r, k, conc);
                double sum = 0;
                for (double x : w) {
                    assertTrue(x >= 0);
                    sum += x;
                }
                assertEquals(1, sum, 1e-12);
            }
        }
    }

    @Test
    void dirichletMeanIsUniform() {
        SplittableRandom r = new SplittableRandom(2);
        double[] mean = new double[3];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            double[] w = Gens.dirichlet(r, 3, 0.7);
            for (int k = 0; k < 3; k++) {
                mean[k] += w[k] / draws;
            }
        }
        for (double m : mean) {
            assertEquals(1.0 / 3, m, 0.01);
        }
    }

    @Test
    void unitSpherePointsHaveNormOne() {
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 1; d <= 6; d++) {
            double[] v = Gens.unitSphere(r, d);
            double n = 0;
            for (double x : v) {
                n += x * x;
            }
            assertEquals(1, n, 1e-12);
        }
    }

    @Test
    void gaussianHasUnitVariance() {
        SplittableRandom r = new SplittableRandom(4);
        double s = 0;
        double s2 = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            double g = Gens.gaussian(r);
            s += g;
            s2 += g * g;
        }
        assertEquals(0, s / n, 0.02);
        assertEquals(1, s2 / n, 0.03);
    }

    @Test
    void sameSeedSameValues() {
        double[][] a = Gens.gaussianMatrix(new SplittableRandom(9), 4, 3, 2);
        double[][] b = Gens.gaussianMatrix(new SplittableRandom(9), 4, 3, 2);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a[i], b[i]);
        }
    }

    @Test
    void sizedIntegersGrowWithSize() {
        assertEquals(3, Gens.sizedUpper(2, 60, 1), "size 1: 2 + round(58/100)");
        for (int s = 1; s < Gen.MAX_SIZE; s++) {
            assertTrue(Gens.sizedUpper(2, 60, s) <= Gens.sizedUpper(2, 60, s + 1));
        }
        assertEquals(60, Gens.sizedUpper(2, 60, Gen.MAX_SIZE));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            int v = Gens.sizedIntegers(1, 50).generate(r, 10);
            assertTrue(v >= 1 && v <= Gens.sizedUpper(1, 50, 10));
        }
    }

    @Test
    void simplerDoublesAreSimpler() {
        for (double x : new double[] {3.14159, -2.5, 17, 0.001, -123.456}) {
            for (double c : Shrink.simplerDoubles(x)) {
                assertTrue(Shrink.complexity(c) < Shrink.complexity(x), c + " simpler than " + x);
            }
        }
        assertTrue(Shrink.simplerDoubles(0).isEmpty());
    }
}
