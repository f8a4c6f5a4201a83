package org.pruneproof.reference.init;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.random.GaussianDraws;

/**
 * Gaussian random matrices for the reference engine: W_ij i.i.d. N(0, σ²), drawn row-major from an explicit
 * {@link SplittableRandom} by {@link GaussianDraws#standard}, so that a seed fixes every entry.
 */
public final class GaussianMatrices {

    private GaussianMatrices() {
    }

    /** A rows×cols matrix (row-major) of i.i.d. N(0, σ²) entries. */
    public static DMatrixRMaj of(SplittableRandom random, int rows, int cols, double sigma) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length && k < rows * cols; k++) {
            m.data[k] = sigma * GaussianDraws.standard(random);
        }
        return m;
    }
}
