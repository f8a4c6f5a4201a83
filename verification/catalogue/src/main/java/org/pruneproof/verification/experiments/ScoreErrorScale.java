package org.pruneproof.verification.experiments;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.ForwardPass;
import org.pruneproof.reference.init.Network;
import org.pruneproof.theory.activation.Activation;

/**
 * The magnitude from which the floating-point error of a SNIP score arises: the same forward and backward sums as
 * the score, taken in absolute value (a running-error scale in the sense of Higham, <i>Accuracy and Stability of
 * Numerical Algorithms</i>, §3.3). Rounding a sum Σ_k a_k·b_k perturbs it by at most about n·u·Σ_k |a_k|·|b_k|, so a
 * score whose gradient cancels over the batch (or back through the layers) can carry an error far larger, relative
 * to itself, than u; relative to this scale it cannot.
 *
 * <pre>
 *   A⁰ = |X|,  A^l = |W^{l−1}|·A^{l−1} + |b^{l−1}|            (bounds |h| since |φ(z)| ≤ |z| for ReLU and tanh)
 *   S^L = (P + Y)/B                                        (P the softmax, Y the one-hot labels: |dZ^L| ≤ S^L entrywise)
 *   S^{l−1} = (|W^l|ᵀ·S^l) ⊙ D^{l−1},  D = 1{z ≥ 0} (ReLU, either convention at 0), |φ'(z)| + 16u otherwise
 *   c^l_ij = |W^l_ij|·(S^l·(A^l)ᵀ)_ij
 * </pre>
 * (layers 0-based, X and the pre-activations one column per point, as in the reference engine).
 */
public final class ScoreErrorScale {

    private static final double U = 0x1p-53;

    private ScoreErrorScale() {
    }

    /** A^l, l = 0 … L (A^{l+1} bounds layer l's pre-activation and input of layer l + 1). */
    private static DMatrixRMaj[] forwardScale(Network net, ForwardPass pass) {
        int layers = net.layers();
        DMatrixRMaj[] w = net.weights();
        DMatrixRMaj[] a = new DMatrixRMaj[layers + 1];
        a[0] = abs(pass.layerInputs()[0]);
        for (int l = 1; l <= layers; l++) {
            a[l] = absTimes(w[l - 1], a[l - 1], false);
            for (int i = 0; i < a[l].numRows; i++) {
                for (int j = 0; j < a[l].numCols; j++) {
                    a[l].set(i, j, a[l].get(i, j) + Math.abs(net.biases()[l - 1][i]));
                }
            }
        }
        return a;
    }

    /**
     * Whether a ReLU pre-activation z of a hidden layer lies within rounding error of the kink: z = 0 although its
     * terms are not all zero, or 0 &lt; |z| ≤ 1e-12·a (a its magnitude scale). There the two engines may legitimately
     * take different sides of the kink, and φ'(z) jumps between 0 and 1. An exact 0 from all-zero terms (dead inputs,
     * zero bias) is exact in both engines and does not count.
     */
    public static boolean reluNearKink(Network net, ForwardPass pass) {
        if (!net.activation().name().equals("relu")) {
            return false;
        }
        DMatrixRMaj[] a = forwardScale(net, pass);
        for (int l = 0; l + 1 < net.layers(); l++) {
            DMatrixRMaj z = pass.preActivations()[l];
            DMatrixRMaj terms = absTimes(net.weights()[l], abs(pass.layerInputs()[l]), false);
            for (int k = 0; k < z.numRows * z.numCols; k++) {
                double actualTerms = terms.data[k] + Math.abs(net.biases()[l][k / z.numCols]);
                double v = Math.abs(z.data[k]);
                if ((v == 0 && actualTerms > 0) || (v > 0 && v <= 1e-12 * a[l + 1].data[k])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** c^l for every layer, row-major like the scores. */
    public static double[][] of(Network net, ForwardPass pass, int[] labels) {
        int layers = net.layers();
        DMatrixRMaj[] w = net.weights();
        DMatrixRMaj logits = pass.output();
        int classes = logits.numRows;
        int batch = logits.numCols;
        DMatrixRMaj[] a = forwardScale(net, pass);
        DMatrixRMaj s = new DMatrixRMaj(classes, batch);
        for (int j = 0; j < batch; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits.get(k, j));
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += StrictMath.exp(logits.get(k, j) - max);
            }
            for (int k = 0; k < classes; k++) {
                double p = StrictMath.exp(logits.get(k, j) - max) / sum;
                s.set(k, j, (p + (labels[j] == k ? 1 : 0)) / batch);
            }
        }
        double[][] c = new double[layers][];
        Activation phi = net.activation();
        for (int l = layers - 1; l >= 0; l--) {
            DMatrixRMaj wl = w[l];
            c[l] = new double[wl.numRows * wl.numCols];
            for (int i = 0; i < wl.numRows; i++) {
                for (int j = 0; j < wl.numCols; j++) {
                    double dot = 0;
                    for (int b = 0; b < batch; b++) {
                        dot += s.get(i, b) * a[l].get(j, b);
                    }
                    c[l][i * wl.numCols + j] = Math.abs(wl.get(i, j)) * dot;
                }
            }
            if (l > 0) {
                DMatrixRMaj back = absTimes(wl, s, true);
                DMatrixRMaj z = pass.preActivations()[l - 1];
                for (int i = 0; i < back.numRows; i++) {
                    for (int b = 0; b < batch; b++) {
                        double zv = z.get(i, b);
                        double d = phi.name().equals("relu") ? (zv >= 0 ? 1 : 0) : Math.abs(phi.derivative(zv)) + 16 * U;
                        back.set(i, b, back.get(i, b) * d);
                    }
                }
                s = back;
            }
        }
        return c;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out.set(i, j, Math.abs(m.get(i, j)));
            }
        }
        return out;
    }

    /** |W|·M, or |W|ᵀ·M when {@code transpose}. */
    private static DMatrixRMaj absTimes(DMatrixRMaj w, DMatrixRMaj m, boolean transpose) {
        int rows = transpose ? w.numCols : w.numRows;
        int inner = transpose ? w.numRows : w.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows, m.numCols);
        for (int i = 0; i < rows; i++) {
            for (int b = 0; b < m.numCols; b++) {
                double sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum += Math.abs(transpose ? w.get(k, i) : w.get(i, k)) * m.get(k, b);
                }
                out.set(i, b, sum);
            }
        }
        return out;
    }
}
