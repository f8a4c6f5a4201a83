package org.pruneproof.scaled.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.scaled.Precision;

/**
 * The float32-lane row products against exact sums (double-double sums of the stored float32 values' exact products), within their
 * documented bound c·Σ_j |Φ_kj·v_j|, c ≈ γ_8 (float32) + γ_G² (float32 pairs) + γ_513 (double): on random rows with a partial last
 * block, and on rows built so that every float32 rounding of a lane loses almost a full unit roundoff, where the error
 * reaches 0.99 of the bound (so a bound with fewer terms per lane, or a kernel with more or fewer terms per lane
 * than documented, fails here).
 */
class FloatLaneRowDotsTest {

    private static final double U = 0x1p-24;

    /**
     * Σ_j a_j·v_j in double-double (the products of float32 values are exact in double; Knuth's TwoSum keeps each
     * addition's error), rounded to double: within 2⁻⁵³·|Σ| + 1e-20·Σ|a_j·v_j| of the exact sum; and Σ_j |a_j·v_j|.
     */
    private static double[] exact(float[] a, float[] v) {
        double s = 0;
        double c = 0;
        double abs = 0;
        for (int j = 0; j < a.length; j++) {
            double p = (double) a[j] * v[j];
            double t = s + p;
            double bp = t - s;
            c += (s - (t - bp)) + (p - bp);
            s = t;
            abs += Math.abs(p);
        }
        return new double[] {s + c, abs};
    }

    private static Features features(float[][] rows) {
        double[][] d = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            d[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                d[i][j] = rows[i][j];
            }
        }
        return Features.of(d, Precision.FLOAT32);
    }

    @Test
    void theCoefficientIsTheDocumentedFormula() {
        // m = 65536: G = 16 blocks of 4096; c = γ_8 + (1 + γ_8)·(γ_16² + γ^double_513·(1 + γ_16²))
        double g8 = 8 * U / (1 - 8 * U);
        double g16 = 16 * U / (1 - 16 * U);
        double gd = 513 * 0x1p-53 / (1 - 513 * 0x1p-53);
        assertEquals(g8 + (1 + g8) * (g16 * g16 + gd * (1 + g16 * g16)), FloatLaneRowDots.coefficient(65536), 0.0);
        assertEquals(1, FloatLaneRowDots.blocks(4096));
        assertEquals(2, FloatLaneRowDots.blocks(4097));
        assertTrue(FloatLaneRowDots.coefficient(65536) < 4.8e-7);
    }

    @Test
    void randomRowsWithAPartialBlockStayWithinTheBound() {
        SplittableRandom r = new SplittableRandom(21);
        int n = 9;
        int m = 2 * FloatLaneRowDots.BLOCK + 3001;
        float[][] rows = new float[n][m];
        for (float[] row : rows) {
            for (int j = 0; j < m; j++) {
                row[j] = (float) (r.nextGaussian() * Math.exp(3 * r.nextGaussian()));
            }
        }
        float[][] vectors = new float[3][m];
        for (float[] v : vectors) {
            for (int j = 0; j < m; j++) {
                v[j] = (float) r.nextGaussian();
            }
        }
        FloatLaneRowDots dots = new FloatLaneRowDots(features(rows));
        double[][] out = dots.times(vectors);
        double c = dots.coefficient();
        for (int b = 0; b < vectors.length; b++) {
            double[] alone = dots.times(new float[][] {vectors[b]})[0];
            for (int k = 0; k < n; k++) {
                double[] e = exact(rows[k], vectors[b]);
                // plus one double rounding of the exact value itself
                double bound = c * e[1] + 0x1p-53 * Math.abs(e[0]) + 1e-20 * e[1];
                assertTrue(Math.abs(out[b][k] - e[0]) <= bound, "vector " + b + " row " + k + ": error "
                        + Math.abs(out[b][k] - e[0]) + " > bound " + bound);
                assertEquals(alone[k], out[b][k], 0.0, "one vector or three in one read: the same bits");
            }
        }
    }

    @Test
    void adversarialLanesReachTheBound() {
        int m = 3 * FloatLaneRowDots.BLOCK;
        int lanes = FloatLaneRowDots.LANES;
        // the first term of a lane: (1 + 2⁻²³)(1 − 2⁻²⁴) = 1 + 2⁻²⁴ − 2⁻⁴⁷ rounds down to 1 (error ≈ u);
        // each of the 7 more terms x = 2⁻²⁴·(1 − 2⁻⁸) is lost when added to 1 (error x ≈ u each)
        float x = (float) (0x1p-24 * (1 - 0x1p-8));
        float[] a = new float[m];
        float[] v = new float[m];
        for (int j = 0; j < m; j++) {
            boolean first = (j % FloatLaneRowDots.BLOCK) < lanes;
            a[j] = first ? 1 + 0x1p-23f : x;
            v[j] = first ? 1 - 0x1p-24f : 1;
        }
        float[] neg = a.clone();
        for (int j = 0; j < m; j++) {
            neg[j] = -a[j];
        }
        FloatLaneRowDots dots = new FloatLaneRowDots(features(new float[][] {a, neg}));
        double[] out = dots.times(new float[][] {v})[0];
        double c = dots.coefficient();
        for (int k = 0; k < 2; k++) {
            double[] e = exact(k == 0 ? a : neg, v);
            assertEquals((k == 0 ? 1 : -1) * (double) (m / FloatLaneRowDots.TERMS), out[k], 0.0,
                    "every lane sum rounds to ±1 and their sums are exact");
            double error = Math.abs(out[k] - e[0]);
            assertTrue(error <= c * e[1] + 0x1p-53 * Math.abs(e[0]), "error " + error + " > bound " + c * e[1]);
            assertTrue(error >= 0.99 * c * e[1], "error " + error + " < 0.99 of the bound " + c * e[1]);
        }
    }
}
