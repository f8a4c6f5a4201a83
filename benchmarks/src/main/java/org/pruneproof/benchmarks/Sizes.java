package org.pruneproof.benchmarks;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shapes and seeded data of the benchmarks. A feature matrix of B bytes has m = {@link #POINTS}
 * columns and N = B / (m · bytes per element) rows.
 */
final class Sizes {

    /** m, the number of points (columns of Φ), fixed so that the sizes differ only in N. */
    static final int POINTS = 4096;

    private Sizes() {
    }

    /** N for a feature matrix of about {@code bytes} bytes. */
    static int neurons(long bytes, int elementBytes) {
        return (int) Math.max(1, bytes / ((long) POINTS * elementBytes));
    }

    /** A seeded Gaussian N×m matrix in native memory. */
    static INDArray gaussian(DataType type, long rows, long cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, rows, cols);
    }

    /** A seeded Gaussian N×m matrix on the Java heap (for the reference engine). */
    static DMatrixRMaj gaussianHeap(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = r.nextGaussian();
        }
        return a;
    }

    /** A seeded Gaussian vector. */
    static double[] gaussianVector(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = r.nextGaussian();
        }
        return y;
    }
}
