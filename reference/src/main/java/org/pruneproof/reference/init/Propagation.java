package org.pruneproof.reference.init;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.theory.activation.Activation;

/**
 * Forward and backward passes of a {@link Network} on a batch X (d × B, one point per column).
 *
 * <p>Forward: a^0 = x, a^l = φ(y^{l−1}); z^l = W^l·a^l + b^l; y^l = y^{l−1} + s·z^l for a residual block with
 * branch scale s (1 or 1/√L), y^l = z^l otherwise.
 * Backward from G = ∂L/∂y^last: ∂L/∂z^l = s·∂L/∂y^l (s = 1 outside blocks), ∂L/∂W^l = (∂L/∂z^l)·(a^l)ᵀ,
 * ∂L/∂b^l = Σ_batch ∂L/∂z^l, ∂L/∂y^{l−1} = φ'(y^{l−1}) ⊙ (W^l)ᵀ·∂L/∂z^l (+ ∂L/∂y^l through the skip).
 */
public final class Propagation {

    private Propagation() {
    }

    /** The forward pass on X (d × B). */
    public static ForwardPass forward(Network net, DMatrixRMaj inputs) {
        NetworkShape shape = net.shape();
        if (inputs.numRows != shape.inputDimension()) {
            throw new IllegalArgumentException("inputs must be d×B with d = " + shape.inputDimension() + ", got "
                    + inputs.numRows + "×" + inputs.numCols);
        }
        int layers = shape.layers();
        int batch = inputs.numCols;
        double scale = shape.branchScale();
        DMatrixRMaj[] a = new DMatrixRMaj[layers];
        DMatrixRMaj[] y = new DMatrixRMaj[layers];
        for (int l = 0; l < layers; l++) {
            a[l] = l == 0 ? inputs : apply(net.activation(), y[l - 1]);
            DMatrixRMaj z = new DMatrixRMaj(shape.fanOut(l), batch);
            CommonOps_DDRM.mult(net.weights()[l], a[l], z);
            addBias(z, net.biases()[l]);
            if (shape.isBlock(l)) {
                CommonOps_DDRM.add(y[l - 1], scale, z, z);
            }
            y[l] = z;
        }
        return new ForwardPass(a, y);
    }

    /** The backward pass from G = ∂L/∂(output) (outputs × B). */
    public static Gradients backward(Network net, ForwardPass pass, DMatrixRMaj outputGradient) {
        NetworkShape shape = net.shape();
        int layers = shape.layers();
        DMatrixRMaj out = pass.output();
        if (outputGradient.numRows != out.numRows || outputGradient.numCols != out.numCols) {
            throw new IllegalArgumentException("output gradient must be " + out.numRows + "×" + out.numCols
                    + ", got " + outputGradient.numRows + "×" + outputGradient.numCols);
        }
        double scale = shape.branchScale();
        DMatrixRMaj[] dW = new DMatrixRMaj[layers];
        double[][] db = new double[layers][];
        DMatrixRMaj[] dy = new DMatrixRMaj[layers];
        dy[layers - 1] = outputGradient;
        for (int l = layers - 1; l >= 0; l--) {
            boolean block = shape.isBlock(l);
            DMatrixRMaj dz = block ? scaled(dy[l], scale) : dy[l];
            dW[l] = new DMatrixRMaj(shape.fanOut(l), shape.fanIn(l));
            CommonOps_DDRM.multTransB(dz, pass.layerInputs()[l], dW[l]);
            db[l] = rowSums(dz);
            if (l > 0) {
                DMatrixRMaj da = new DMatrixRMaj(shape.fanIn(l), dz.numCols);
                CommonOps_DDRM.multTransA(net.weights()[l], dz, da);
                DMatrixRMaj prev = pass.preActivations()[l - 1];
                Activation phi = net.activation();
                for (int k = 0; k < da.data.length && k < da.numRows * da.numCols; k++) {
                    da.data[k] *= phi.derivative(prev.data[k]);
                }
                if (block) {
                    CommonOps_DDRM.addEquals(da, dy[l]);
                }
                dy[l - 1] = da;
            }
        }
        return new Gradients(dW, db, dy);
    }

    /** Loss and gradients of the mean softmax cross-entropy on a labelled batch. */
    public static LossGradients crossEntropyGradients(Network net, DMatrixRMaj inputs, int[] labels) {
        ForwardPass pass = forward(net, inputs);
        SoftmaxCrossEntropy.Value v = SoftmaxCrossEntropy.of(pass.output(), labels);
        return new LossGradients(v.loss(), backward(net, pass, v.gradient()));
    }

    /**
     * A loss value and its gradients.
     *
     * @param loss      the mean cross-entropy
     * @param gradients its gradients
     */
    public record LossGradients(double loss, Gradients gradients) {
    }

    private static DMatrixRMaj apply(Activation phi, DMatrixRMaj y) {
        DMatrixRMaj a = new DMatrixRMaj(y.numRows, y.numCols);
        int n = y.numRows * y.numCols;
        for (int k = 0; k < n; k++) {
            a.data[k] = phi.value(y.data[k]);
        }
        return a;
    }

    private static void addBias(DMatrixRMaj z, double[] b) {
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                z.data[i * z.numCols + j] += b[i];
            }
        }
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double s) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.scale(s, out);
        return out;
    }

    private static double[] rowSums(DMatrixRMaj m) {
        double[] s = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                s[i] += m.data[i * m.numCols + j];
            }
        }
        return s;
    }
}
