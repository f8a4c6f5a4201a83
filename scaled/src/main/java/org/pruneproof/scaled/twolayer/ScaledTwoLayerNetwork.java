package org.pruneproof.scaled.twolayer;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.twolayer.Scaling;

/**
 * A two-layer ReLU network {@code f(x) = c_N·Σ_r b_r·σ(w_rᵀx)} of width N on inputs in R^d, σ(z) = max(z, 0),
 * held in ND4J arrays of one {@link Precision}; the scaled engine's counterpart of the reference engine's
 * {@code TwoLayerNetwork} (same shapes and conventions). Written as the average of its neurons' outputs,
 * {@code f = (1/N)·Σ_r φ_r} with {@code φ_r = N·c_N·b_r·σ(w_rᵀx)} (see {@link Scaling}).
 *
 * <p>The arrays are not copied: do not modify them while the network is in use.
 *
 * @param inputWeights  N×d matrix W, row r = w_r
 * @param outputWeights length-N vector b (rank 1)
 * @param scaling       mean-field (c_N = 1/N) or NTK (c_N = 1/√N)
 */
public record ScaledTwoLayerNetwork(INDArray inputWeights, INDArray outputWeights, Scaling scaling) {

    public ScaledTwoLayerNetwork {
        Nd4jDefaults.apply();
        Objects.requireNonNull(inputWeights, "inputWeights");
        Objects.requireNonNull(outputWeights, "outputWeights");
        Objects.requireNonNull(scaling, "scaling");
        if (inputWeights.rank() != 2) {
            throw new IllegalArgumentException("input weights: expected an N×d matrix, got shape "
                    + Arrays.toString(inputWeights.shape()));
        }
        if (outputWeights.rank() != 1 || outputWeights.length() != inputWeights.rows()) {
            throw new IllegalArgumentException("output weights: expected a vector of length " + inputWeights.rows()
                    + " (one per neuron), got shape " + Arrays.toString(outputWeights.shape()));
        }
        if (outputWeights.dataType() != inputWeights.dataType()) {
            throw new IllegalArgumentException("output weights are " + outputWeights.dataType()
                    + " but input weights are " + inputWeights.dataType());
        }
        precisionOf(inputWeights.dataType());
    }

    /** The network with weights W (N×d, row r = w_r) and b (length N) in float32, the default precision. */
    public static ScaledTwoLayerNetwork of(double[][] w, double[] b, Scaling scaling) {
        return of(w, b, scaling, Precision.FLOAT32);
    }

    /** The network with weights W (N×d, row r = w_r) and b (length N), stored in {@code precision}. */
    public static ScaledTwoLayerNetwork of(double[][] w, double[] b, Scaling scaling, Precision precision) {
        Nd4jDefaults.apply();
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(b, "b");
        if (w.length == 0 || w[0].length == 0) {
            throw new IllegalArgumentException("input weights: expected a non-empty N×d matrix");
        }
        return new ScaledTwoLayerNetwork(Nd4j.create(w).castTo(precision.dataType()).dup('c'),
                Nd4j.createFromArray(b.clone()).castTo(precision.dataType()), scaling);
    }

    /** N, the number of neurons. */
    public int width() {
        return (int) inputWeights.rows();
    }

    /** d, the input dimension. */
    public int inputDimension() {
        return (int) inputWeights.columns();
    }

    /** The precision of the weights. */
    public Precision precision() {
        return precisionOf(inputWeights.dataType());
    }

    /** W as a Java array (N×d). */
    public double[][] inputWeightsAsArray() {
        return inputWeights.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** b as a Java array. */
    public double[] outputWeightsAsArray() {
        return outputWeights.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * The feature matrix Φ (N×m): {@code Φ[r][j] = (N·c_N·b_r)·σ(w_rᵀx_j)}, so that the network's output
     * is the mean of the rows. Inputs X are d×m, one point per column (converted to this precision).
     */
    public INDArray features(INDArray inputs) {
        INDArray x = inputs(inputs);
        INDArray h = Transforms.relu(inputWeights.mmul(x), false);
        INDArray factor = outputWeights.mul(scaling.neuronFactor(width())).reshape(width(), 1);
        return h.muliColumnVector(factor);
    }

    /** The network's outputs {@code u_j = c_N·Σ_r b_r·σ(w_rᵀx_j)} on the m points (columns of X). */
    public double[] output(INDArray inputs) {
        INDArray h = Transforms.relu(inputWeights.mmul(inputs(inputs)), false);
        return outputWeights.reshape(1, width()).mmul(h).muli(scaling.outputFactor(width()))
                .castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** A copy with fresh arrays (later changes to this network's arrays do not reach it). */
    public ScaledTwoLayerNetwork copy() {
        return new ScaledTwoLayerNetwork(inputWeights.dup('c'), outputWeights.dup(), scaling);
    }

    /** X checked (d×m) and in this network's precision. */
    INDArray inputs(INDArray inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.rank() != 2 || inputs.rows() != inputDimension()) {
            throw new IllegalArgumentException("inputs must be d×m (one point per column) with d = " + inputDimension()
                    + ", got shape " + Arrays.toString(inputs.shape()));
        }
        return inputs.dataType() == inputWeights.dataType() ? inputs : inputs.castTo(inputWeights.dataType());
    }

    private static Precision precisionOf(DataType type) {
        for (Precision p : Precision.values()) {
            if (p.dataType() == type) {
                return p;
            }
        }
        throw new IllegalArgumentException("weights must be FLOAT (float32) or DOUBLE (float64), got " + type);
    }
}
