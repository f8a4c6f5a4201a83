package org.pruneproof.scaled.greedy;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Precision;

/**
 * The matrix–vector product of a greedy step: the inner products
 * <pre>  (Φr)_i = Σ_j Φ_ij · r_j,   i = 0, …, N − 1,</pre>
 * of the rows of the N×m feature matrix with a residual r ∈ ℝ^m, in the working precision, reading Φ
 * once from its own native buffer (no copy).
 *
 * <p>On ND4J's CPU backend this is one call of OpenBLAS's {@code cblas_sgemv} / {@code cblas_dgemv}
 * (row-major Φ, no transpose; the OpenBLAS 0.3.19 library that ND4J itself loads), or, for a few
 * chosen rows, one {@code cblas_sdot} / {@code cblas_ddot} per row. ND4J's own matrix–vector product
 * ({@code Nd4j.gemm}, {@code INDArray.mmul}, {@code BlasWrapper.gemv}) runs libnd4j's matmul op instead
 * of BLAS GEMV and reads Φ about four times more slowly (README, "Scaled engine and benchmarks"). On
 * other backends (CUDA) the product is {@code Nd4j.gemm}.
 *
 * <p>Each (Φr)_i is computed by one thread, in the summation order of the BLAS kernel; only the
 * greedy step's screening uses it, with the error window of {@link GreedySelector}, so results do not
 * depend on the number of BLAS threads.
 */
final class RowProducts {

    private final Features features;
    private final int n;
    private final int m;
    private final boolean blas;
    private final INDArray r;
    private final INDArray g;
    private final FloatBuffer rFloats;
    private final DoubleBuffer rDoubles;
    private final FloatBuffer gFloats;
    private final DoubleBuffer gDoubles;
    private final FloatPointer phiFloats;
    private final DoublePointer phiDoubles;
    private final FloatPointer rFloatPointer;
    private final DoublePointer rDoublePointer;
    private final FloatPointer gFloatPointer;
    private final DoublePointer gDoublePointer;

    /** Buffers for r and Φr next to Φ (N×m, C order, offset 0: guaranteed by {@link Features}). */
    RowProducts(Features features) {
        this.features = features;
        this.n = features.neurons();
        this.m = features.points();
        Precision p = features.precision();
        this.blas = Nd4j.getEnvironment().isCPU();
        this.r = Nd4j.create(p.dataType(), m, 1);
        this.g = Nd4j.create(p.dataType(), n, 1);
        boolean single = p == Precision.FLOAT32;
        this.rFloats = single ? r.data().asNioFloat() : null;
        this.rDoubles = single ? null : r.data().asNioDouble();
        this.gFloats = single ? g.data().asNioFloat() : null;
        this.gDoubles = single ? null : g.data().asNioDouble();
        boolean sp = blas && single;
        boolean dp = blas && !single;
        this.phiFloats = sp ? new FloatPointer(features.matrix().data().addressPointer()).position(0) : null;
        this.rFloatPointer = sp ? new FloatPointer(r.data().addressPointer()).position(0) : null;
        this.gFloatPointer = sp ? new FloatPointer(g.data().addressPointer()).position(0) : null;
        this.phiDoubles = dp ? new DoublePointer(features.matrix().data().addressPointer()).position(0) : null;
        this.rDoublePointer = dp ? new DoublePointer(r.data().addressPointer()).position(0) : null;
        this.gDoublePointer = dp ? new DoublePointer(g.data().addressPointer()).position(0) : null;
    }

    /** Sets r_j, rounded to the working precision. */
    void setResidual(int j, double value) {
        if (rFloats != null) {
            rFloats.put(j, (float) value);
        } else {
            rDoubles.put(j, value);
        }
    }

    /** Computes (Φr)_i for every row; read them with {@link #get}. */
    void computeAll() {
        if (!blas) {
            Nd4j.gemm(features.matrix(), r, g, false, false, 1.0, 0.0);
        } else if (phiFloats != null) {
            openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasNoTrans, n, m,
                    1f, phiFloats, m, rFloatPointer, 1, 0f, gFloatPointer, 1);
        } else {
            openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasNoTrans, n, m,
                    1.0, phiDoubles, m, rDoublePointer, 1, 0.0, gDoublePointer, 1);
        }
    }

    /** (Φr)_i from the last {@link #computeAll}. */
    double get(int i) {
        return gFloats != null ? gFloats.get(i) : gDoubles.get(i);
    }

    /**
     * Computes (Φr)_i for the given rows only, reading just those rows (one BLAS dot each); on a
     * non-CPU backend it computes all rows.
     *
     * @return (Φr)_{rows[k]} at index k
     */
    double[] computeRows(int[] rows) {
        double[] out = new double[rows.length];
        if (!blas) {
            computeAll();
            for (int k = 0; k < rows.length; k++) {
                out[k] = get(rows[k]);
            }
            return out;
        }
        for (int k = 0; k < rows.length; k++) {
            long offset = (long) rows[k] * m;
            out[k] = phiFloats != null
                    ? openblas.cblas_sdot(m, phiFloats.position(offset), 1, rFloatPointer, 1)
                    : openblas.cblas_ddot(m, phiDoubles.position(offset), 1, rDoublePointer, 1);
        }
        if (phiFloats != null) {
            phiFloats.position(0);
        } else {
            phiDoubles.position(0);
        }
        return out;
    }
}
