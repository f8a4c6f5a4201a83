package org.pruneproof.reference.conv;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fully connected layer on features as columns: Y = W·X + b·1ᵀ with W K × F (PyTorch's
 * [out, in]), X F × B, b length K. Backward for G = ∂L/∂Y (K × B):
 * ∂L/∂W = G·Xᵀ, ∂L/∂b = G·1, ∂L/∂X = Wᵀ·G.
 */
public final class Linear {

    private Linear() {
    }

    /**
     * The gradients of the backward map.
     *
     * @param input   ∂L/∂X, F × B
     * @param weights ∂L/∂W, K × F
     * @param bias    ∂L/∂b, length K
     */
    public record Gradients(DMatrixRMaj input, DMatrixRMaj weights, double[] bias) {
    }

    /** Y = W·X + b·1ᵀ; {@code bias} may be null. */
    public static DMatrixRMaj forward(DMatrixRMaj x, DMatrixRMaj w, double[] bias) {
        check(x, w, bias);
        DMatrixRMaj y = new DMatrixRMaj(w.numRows, x.numCols);
        CommonOps_DDRM.mult(w, x, y);
        if (bias != null) {
            for (int k = 0; k < y.numRows; k++) {
                for (int b = 0; b < y.numCols; b++) {
                    y.add(k, b, bias[k]);
                }
            }
        }
        return y;
    }

    /** The gradients for the upstream gradient {@code gradOut} (K × B). */
    public static Gradients backward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj gradOut) {
        check(x, w, null);
        Objects.requireNonNull(gradOut, "gradOut");
        if (gradOut.numRows != w.numRows || gradOut.numCols != x.numCols) {
            throw new IllegalArgumentException("gradOut is " + gradOut.numRows + " × " + gradOut.numCols + ", expected "
                    + w.numRows + " × " + x.numCols);
        }
        DMatrixRMaj gw = new DMatrixRMaj(w.numRows, w.numCols);
        CommonOps_DDRM.multTransB(gradOut, x, gw);
        DMatrixRMaj gx = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.multTransA(w, gradOut, gx);
        double[] gb = new double[w.numRows];
        for (int k = 0; k < w.numRows; k++) {
            for (int b = 0; b < x.numCols; b++) {
                gb[k] += gradOut.get(k, b);
            }
        }
        return new Gradients(gx, gw, gb);
    }

    private static void check(DMatrixRMaj x, DMatrixRMaj w, double[] bias) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "w");
        if (w.numCols != x.numRows) {
            throw new IllegalArgumentException("weights are " + w.numRows + " × " + w.numCols + " but the input has "
                    + x.numRows + " features (rows)");
        }
        if (bias != null && bias.length != w.numRows) {
            throw new IllegalArgumentException("bias has length " + bias.length + ", expected K = " + w.numRows);
        }
    }
}
