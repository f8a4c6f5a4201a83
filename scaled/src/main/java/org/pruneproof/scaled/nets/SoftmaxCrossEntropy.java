package org.pruneproof.scaled.nets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.OwnedArrays;

/**
 * The mean softmax cross-entropy of a batch and its gradient with respect to the logits, computed in double:
 * <pre>  L = −(1/B)·Σ_i log softmax(z_i)_{y_i},   ∂L/∂z_i = (softmax(z_i) − onehot(y_i))/B,
 *  log softmax(z)_j = z_j − m − log Σ_l exp(z_l − m),  m = max_l z_l</pre>
 * (SameDiff's {@code softmaxCrossEntropy} with no weights, what {@link NetworkGraph} uses.)
 */
final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * L of logits z [B, K] and labels in 0..K−1; writes ∂L/∂z into {@code gradient} ([B, K], the logits' type).
     *
     * @throws IllegalArgumentException for a label outside 0..K−1
     */
    static double lossAndGradient(INDArray logits, int[] labels, INDArray gradient) {
        int b = labels.length;
        int k = (int) logits.size(1);
        double[] z = logits.dup('c').data().asDouble();
        double[] g = new double[z.length];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " outside 0.." + (k - 1));
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[i * k + j] - max);
            }
            double logSum = Math.log(sum) + max;
            loss -= z[i * k + labels[i]] - logSum;
            for (int j = 0; j < k; j++) {
                g[i * k + j] = (Math.exp(z[i * k + j] - logSum) - (j == labels[i] ? 1 : 0)) / b;
            }
        }
        INDArray given = Nd4j.create(g, new long[] {b, k}, DataType.DOUBLE);
        INDArray cast = given.castTo(gradient.dataType());
        gradient.assign(cast);
        OwnedArrays.closeAll(given, cast);
        return loss / b;
    }
}
