package org.pruneproof.reference.conv;

import org.ejml.data.DMatrixRMaj;

/**
 * Global average pooling to features as columns: z[c, b] = (1/(H·W))·Σ_{i,j} x[b, c, i, j], a C × B
 * matrix (the input layout of {@link Linear}). Backward: ∂L/∂x[b, c, i, j] = G[c, b]/(H·W).
 */
public final class GlobalAveragePool {

    private GlobalAveragePool() {
    }

    /** z = GAP(x), C × B. */
    public static DMatrixRMaj forward(Tensor4 x) {
        DMatrixRMaj z = new DMatrixRMaj(x.channels(), x.batch());
        double area = x.height() * x.width();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                double s = 0;
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        s += x.get(b, c, i, j);
                    }
                }
                z.set(c, b, s / area);
            }
        }
        return z;
    }

    /** ∂L/∂x for ∂L/∂z = {@code gradOut} (C × B). */
    public static Tensor4 backward(Tensor4 x, DMatrixRMaj gradOut) {
        if (gradOut.numRows != x.channels() || gradOut.numCols != x.batch()) {
            throw new IllegalArgumentException("gradOut is " + gradOut.numRows + " × " + gradOut.numCols + ", expected "
                    + x.channels() + " × " + x.batch() + " (channels × batch)");
        }
        Tensor4 gx = x.zerosLike();
        double area = x.height() * x.width();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        gx.set(b, c, i, j, gradOut.get(c, b) / area);
                    }
                }
            }
        }
        return gx;
    }
}
