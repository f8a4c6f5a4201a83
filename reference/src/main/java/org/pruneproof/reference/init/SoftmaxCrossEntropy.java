package org.pruneproof.reference.init;

import org.ejml.data.DMatrixRMaj;

/**
 * The mean softmax cross-entropy of logits Y (K × B) against labels: L = (1/B)·Σ_b −log softmax(Y_{·b})_{label_b},
 * with gradient ∂L/∂Y = (softmax(Y) − onehot(labels))/B (computed with the max subtracted, for stability).
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * A loss and its gradient.
     *
     * @param loss     mean cross-entropy
     * @param gradient ∂L/∂Y, K × B
     */
    public record Value(double loss, DMatrixRMaj gradient) {
    }

    /** The loss and gradient of logits (K × B) for labels in [0, K). */
    public static Value of(DMatrixRMaj logits, int[] labels) {
        int k = logits.numRows;
        int b = logits.numCols;
        if (labels.length != b) {
            throw new IllegalArgumentException("expected " + b + " labels (one per column), got " + labels.length);
        }
        DMatrixRMaj grad = new DMatrixRMaj(k, b);
        double loss = 0;
        for (int j = 0; j < b; j++) {
            if (labels[j] < 0 || labels[j] >= k) {
                throw new IllegalArgumentException("label " + labels[j] + " of point " + j + " out of range [0, " + k + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, logits.get(i, j));
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += StrictMath.exp(logits.get(i, j) - max);
            }
            double logSum = max + StrictMath.log(sum);
            loss += logSum - logits.get(labels[j], j);
            for (int i = 0; i < k; i++) {
                double p = StrictMath.exp(logits.get(i, j) - logSum);
                grad.set(i, j, (p - (i == labels[j] ? 1 : 0)) / b);
            }
        }
        return new Value(loss / b, grad);
    }
}
