package org.pruneproof.scaled.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.Precision;

/**
 * A fully connected network at initialisation, as in issue 6's {@code prune-at-init}:
 * <pre>  h⁰ = x;  z^l = W^l h^{l−1} + b^l;  h^l = φ(z^l) for l &lt; L;  logits z^L,</pre>
 * W^l of shape out×in, loss the mean softmax cross-entropy over the batch with integer labels.
 * Inputs are given as a B×d matrix (one example per row), so in batch form Z^l = H^{l−1}·W^lᵀ + b^l.
 */
public final class DenseNetwork {

    /**
     * The hidden activation φ. ReLU'(0) = 0, as in PyTorch. In float64, tanh is evaluated with
     * {@link Math#tanh} element by element: ND4J 1.0.0-M2.1's double tanh (and expm1) are accurate only
     * absolutely near 0 (relative error 9e-9 at z = 1.4e-9), which moved SNIP scores of small
     * pre-activations by up to 1e-8 relative ({@code crosscheck.pruning-scores} found it). The cost is
     * O(B·N) per layer against the O(B·N²) of the layer's product.
     */
    public enum HiddenActivation {
        RELU, TANH;

        INDArray value(INDArray z) {
            return this == RELU ? Transforms.relu(z, true) : tanh(z);
        }

        /** φ'(z) (ReLU: 1 for z &gt; 0, else 0; tanh: 1 − tanh²z). */
        INDArray derivative(INDArray z) {
            if (this == RELU) {
                return z.gt(0).castTo(z.dataType());
            }
            INDArray t = tanh(z);
            return t.muli(t).rsubi(1);
        }

        private static INDArray tanh(INDArray z) {
            if (z.dataType() != org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
                return Transforms.tanh(z, true);
            }
            double[] v = z.dup('c').data().asDouble();
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.tanh(v[k]);
            }
            return Nd4j.create(v, z.shape(), org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        }

        /** Parses {@code relu} / {@code tanh}. */
        public static HiddenActivation parse(String s) {
            for (HiddenActivation a : values()) {
                if (a.name().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown activation '" + s + "', expected relu or tanh");
        }
    }

    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private final HiddenActivation activation;
    private final Precision precision;

    /**
     * @param weights    W¹ … W^L, layer l of shape out_l × in_l with in_l = out_{l−1}
     * @param biases     b¹ … b^L (length out_l each), or null for zero biases
     * @param activation φ
     * @param precision  working precision (arrays are converted to it)
     */
    public DenseNetwork(List<INDArray> weights, List<INDArray> biases, HiddenActivation activation, Precision precision) {
        Nd4jDefaults.apply();
        Objects.requireNonNull(weights, "weights");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.precision = Objects.requireNonNull(precision, "precision");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (biases != null && biases.size() != weights.size()) {
            throw new IllegalArgumentException("expected " + weights.size() + " bias vectors, got " + biases.size());
        }
        this.weights = new ArrayList<>();
        this.biases = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            INDArray w = weights.get(l);
            if (w.rank() != 2) {
                throw new IllegalArgumentException("W" + (l + 1) + " must be a matrix out×in, got rank " + w.rank());
            }
            if (l > 0 && w.columns() != weights.get(l - 1).rows()) {
                throw new IllegalArgumentException("W" + (l + 1) + " has " + w.columns() + " inputs, but W" + l + " has "
                        + weights.get(l - 1).rows() + " outputs");
            }
            this.weights.add(w.castTo(precision.dataType()).dup('c'));
            INDArray b = biases == null ? Nd4j.zeros(precision.dataType(), w.rows()) : biases.get(l);
            if (b.length() != w.rows()) {
                throw new IllegalArgumentException("b" + (l + 1) + " has length " + b.length() + ", expected " + w.rows());
            }
            this.biases.add(b.castTo(precision.dataType()).reshape(1, w.rows()).dup('c'));
        }
    }

    /** L, the number of layers. */
    public int depth() {
        return weights.size();
    }

    /** W^l, l = 1 … L (do not modify). */
    public INDArray weight(int l) {
        return weights.get(l - 1);
    }

    /** b^l, l = 1 … L, as a 1×out_l row (do not modify). */
    public INDArray bias(int l) {
        return biases.get(l - 1);
    }

    /** The hidden activation φ. */
    public HiddenActivation activation() {
        return activation;
    }

    /** The working precision. */
    public Precision precision() {
        return precision;
    }

    /** The logits Z^L (B×classes) for inputs X (B×d). */
    public INDArray logits(INDArray inputs) {
        INDArray h = checkInputs(inputs);
        for (int l = 0; l < depth(); l++) {
            INDArray z = h.mmul(weights.get(l).transpose()).addiRowVector(biases.get(l));
            h = l < depth() - 1 ? activation.value(z) : z;
        }
        return h;
    }

    /**
     * The loss (mean softmax cross-entropy) and its gradients ∂loss/∂W^l and ∂loss/∂b^l by backpropagation:
     * dZ^L = (softmax(Z^L) − onehot(labels))/B, ∂loss/∂W^l = dZ^lᵀ·H^{l−1}, ∂loss/∂b^l = 1ᵀ·dZ^l (the column sums),
     * dZ^{l−1} = (dZ^l·W^l) ⊙ φ'(Z^{l−1}).
     *
     * @param labels class index of each of the B examples, in [0, classes)
     */
    public LossAndGradients lossAndGradients(INDArray inputs, int[] labels) {
        INDArray x = checkInputs(inputs);
        int batch = (int) x.rows();
        if (labels.length != batch) {
            throw new IllegalArgumentException("expected " + batch + " labels (one per input row), got " + labels.length);
        }
        int classes = (int) weights.get(depth() - 1).rows();
        List<INDArray> pre = new ArrayList<>();
        List<INDArray> post = new ArrayList<>();
        post.add(x);
        INDArray h = x;
        for (int l = 0; l < depth(); l++) {
            INDArray z = h.mmul(weights.get(l).transpose()).addiRowVector(biases.get(l));
            pre.add(z);
            h = l < depth() - 1 ? activation.value(z.dup()) : z;
            post.add(h);
        }
        INDArray logits = pre.get(depth() - 1);
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(batch, 1));
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sum = exp.sum(1).reshape(batch, 1);
        INDArray logSum = Transforms.log(sum, true);
        // one transfer each way instead of one native call per example (the same numbers)
        double[] logSums = logSum.dup('c').data().asDouble();
        double[] shiftedValues = shifted.dup('c').data().asDouble();
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            int c = labels[b];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("label " + c + " of example " + b + " is outside [0, " + classes + ")");
            }
            loss += logSums[b] - shiftedValues[b * classes + c];
        }
        loss /= batch;
        INDArray probabilities = exp.diviColumnVector(sum);
        double[] d = probabilities.dup('c').data().asDouble();
        for (int b = 0; b < batch; b++) {
            d[b * classes + labels[b]] -= 1;
        }
        INDArray dz = Nd4j.create(d, new long[] {batch, classes}, org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .castTo(probabilities.dataType());
        dz.divi(batch);
        INDArray[] grads = new INDArray[depth()];
        INDArray[] biasGrads = new INDArray[depth()];
        for (int l = depth() - 1; l >= 0; l--) {
            grads[l] = dz.transpose().mmul(post.get(l));
            biasGrads[l] = dz.sum(0).reshape(1, dz.columns());
            if (l > 0) {
                dz = dz.mmul(weights.get(l)).muli(activation.derivative(pre.get(l - 1)));
            }
        }
        return new LossAndGradients(loss, List.of(grads), List.of(biasGrads));
    }

    /**
     * One SGD step in place: W^l ← W^l − η·(δ^l ⊙ ∂loss/∂W^l), b^l ← b^l − η·∂loss/∂b^l, for {@link DenseSgd} on its own
     * copy of a network.
     *
     * @param masks δ^l (1 kept, 0 pruned), in the working precision, one per layer
     */
    void sgdStep(LossAndGradients g, List<INDArray> masks, double learningRate) {
        for (int l = 0; l < depth(); l++) {
            weights.get(l).subi(g.weightGradients().get(l).castTo(precision.dataType()).muli(masks.get(l)).muli(learningRate));
            biases.get(l).subi(g.biasGradients().get(l).castTo(precision.dataType()).muli(learningRate));
        }
    }

    private INDArray checkInputs(INDArray inputs) {
        long d = weights.get(0).columns();
        if (inputs.rank() != 2 || inputs.columns() != d) {
            throw new IllegalArgumentException("inputs must be B×d with d = " + d + ", got shape "
                    + java.util.Arrays.toString(inputs.shape()));
        }
        return inputs.castTo(precision.dataType());
    }

    /** The loss, ∂loss/∂W^l and ∂loss/∂b^l (a 1×out_l row) for l = 1 … L (index l − 1). */
    public record LossAndGradients(double loss, List<INDArray> weightGradients, List<INDArray> biasGradients) {
    }
}
