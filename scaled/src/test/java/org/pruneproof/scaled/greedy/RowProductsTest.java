package org.pruneproof.scaled.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.scaled.Precision;

/**
 * (Φr)_i from the BLAS GEMV and from the per-row dots against the sum Σ_j Φ_ij·r_j written here in
 * double from the stored (rounded) entries, within the working precision's summation error
 * m·u·Σ_j |Φ_ij·r_j|.
 */
class RowProductsTest {

    private static void checkAgainstDoubleSum(Precision precision, int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = ScaledGreedySelectionTest.gaussian(random, n, m);
        Features features = Features.of(rows, precision);
        RowProducts products = new RowProducts(features);
        double[] r = new double[m];
        for (int j = 0; j < m; j++) {
            r[j] = random.nextGaussian();
            products.setResidual(j, r[j]);
        }
        products.computeAll();
        int[] some = {n - 1, 0, n / 2};
        double[] chosen = products.computeRows(some);
        for (int i = 0; i < n; i++) {
            double exact = 0;
            double abs = 0;
            for (int j = 0; j < m; j++) {
                double rj = precision == Precision.FLOAT32 ? (float) r[j] : r[j];
                exact += features.get(i, j) * rj;
                abs += Math.abs(features.get(i, j) * rj);
            }
            double bound = (m + 2) * precision.unitRoundoff() * abs;
            assertEquals(exact, products.get(i), bound, "GEMV row " + i);
            for (int k = 0; k < some.length; k++) {
                if (some[k] == i) {
                    assertEquals(exact, chosen[k], bound, "dot of row " + i);
                }
            }
        }
    }

    @Test
    void gemvAndRowDotsMatchTheDoubleSumInFloat32() {
        checkAgainstDoubleSum(Precision.FLOAT32, 37, 301, 11);
    }

    @Test
    void gemvAndRowDotsMatchTheDoubleSumInFloat64() {
        checkAgainstDoubleSum(Precision.FLOAT64, 29, 257, 12);
    }

    @Test
    void aSingleRowAndASingleColumnWork() {
        checkAgainstDoubleSum(Precision.FLOAT32, 1, 5, 13);
        checkAgainstDoubleSum(Precision.FLOAT64, 6, 1, 14);
    }
}
