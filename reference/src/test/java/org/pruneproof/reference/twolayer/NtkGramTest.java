package org.pruneproof.reference.twolayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;

class NtkGramTest {

    @Test
    void orthonormalInputsGiveHalfTheIdentityAndLambdaZeroOneHalf() {
        DMatrixRMaj h = NtkGram.infiniteWidth(CommonOps_DDRM.identity(6));
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 0.5 : 0, h.get(i, j), 1e-15);
            }
        }
        assertEquals(0.5, NtkGram.smallestEigenvalue(h), 1e-12);
        assertEquals(0.5, NtkGram.largestEigenvalue(h), 1e-12);
    }

    @Test
    void twoUnitInputsAtAngleThetaMatchTheClosedForm() {
        double theta = 1.1;
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, Math.cos(theta)}, {0, Math.sin(theta)}});
        DMatrixRMaj h = NtkGram.infiniteWidth(x);
        double off = Math.cos(theta) * (Math.PI - theta) / (2 * Math.PI);
        assertEquals(0.5, h.get(0, 0), 1e-15);
        assertEquals(off, h.get(0, 1), 1e-15);
        assertEquals(off, h.get(1, 0), 1e-15);
        assertEquals(0.5 - Math.abs(off), NtkGram.smallestEigenvalue(h), 1e-12);
    }

    @Test
    void nonUnitInputsUseTheAngleOfTheirDirections() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{2, 0, 0}, {0, 3, 0}});
        DMatrixRMaj h = NtkGram.infiniteWidth(x);
        assertEquals(4 * 0.5, h.get(0, 0), 1e-15);
        assertEquals(9 * 0.5, h.get(1, 1), 1e-15);
        assertEquals(0, h.get(0, 1), 1e-15);
        assertEquals(0, h.get(2, 2), 0, "a zero input has a zero row");
    }

    @Test
    void theEmpiricalGramOfAWideNetworkApproachesHInfinity() {
        SplittableRandom r = new SplittableRandom(1);
        int d = 3;
        int m = 4;
        DMatrixRMaj x = GradientDescentTest.gaussian(r, d, m);
        for (int j = 0; j < m; j++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += x.get(i, j) * x.get(i, j);
            }
            for (int i = 0; i < d; i++) {
                x.set(i, j, x.get(i, j) / Math.sqrt(norm));
            }
        }
        int n = 40_000;
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextBoolean() ? 1 : -1;
        }
        TwoLayerNetwork net = new TwoLayerNetwork(GradientDescentTest.gaussian(r, n, d), b, Activations.RELU, Scaling.NTK);
        DMatrixRMaj emp = NtkGram.empirical(net, x);
        DMatrixRMaj inf = NtkGram.infiniteWidth(x);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                assertTrue(Math.abs(emp.get(i, j) - inf.get(i, j)) < 5 / Math.sqrt(n),
                        "entry " + i + "," + j + ": " + emp.get(i, j) + " vs " + inf.get(i, j));
            }
        }
        assertTrue(NtkGram.smallestEigenvalue(inf) > 0);
    }
}
