package org.pruneproof.reference.greedy;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** Small random feature matrices for the tests of this package. */
final class Fixtures {

    private Fixtures() {
    }

    static DMatrixRMaj gaussian(SplittableRandom r, int n, int m) {
        DMatrixRMaj phi = new DMatrixRMaj(n, m);
        for (int k = 0; k < n * m; k++) {
            phi.data[k] = normal(r);
        }
        return phi;
    }

    static double[] gaussian(SplittableRandom r, int m) {
        double[] v = new double[m];
        for (int j = 0; j < m; j++) {
            v[j] = normal(r);
        }
        return v;
    }

    static double normal(SplittableRandom r) {
        double u = r.nextDouble();
        while (u <= 0) {
            u = r.nextDouble();
        }
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** L of the plain mean of the given rows, computed from scratch. */
    static double lossOfMean(DMatrixRMaj phi, int[] rows, double[] y) {
        int m = phi.numCols;
        double loss = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i : rows) {
                s += phi.get(i, j);
            }
            double d = s / rows.length - y[j];
            loss += d * d;
        }
        return loss / m;
    }
}
