package org.pruneproof.reference.twolayer;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.twolayer.Scaling;

/**
 * A two-layer network {@code f(x) = c_N·Σ_r b_r·σ(a_rᵀx)} of width N on inputs in R^d, written as the
 * average of its neurons' outputs, {@code f = (1/N)·Σ_r φ_r} (see {@link Scaling}).
 *
 * @param inputWeights  N×d matrix A, row r = a_r
 * @param outputWeights length-N vector b
 * @param activation    σ
 * @param scaling       mean-field (c_N = 1/N) or NTK (c_N = 1/√N)
 */
public record TwoLayerNetwork(DMatrixRMaj inputWeights, double[] outputWeights, Activation activation,
                              Scaling scaling) {

    public TwoLayerNetwork {
        Objects.requireNonNull(inputWeights, "inputWeights");
        Objects.requireNonNull(outputWeights, "outputWeights");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(scaling, "scaling");
        if (outputWeights.length != inputWeights.numRows) {
            throw new IllegalArgumentException("output weights: expected length " + inputWeights.numRows
                    + " (one per neuron), got " + outputWeights.length);
        }
    }

    /** N, the number of neurons. */
    public int width() {
        return inputWeights.numRows;
    }

    /** d, the input dimension. */
    public int inputDimension() {
        return inputWeights.numCols;
    }

    /** The pre-activations {@code Z = A·X} (N×m) for inputs X (d×m, one point per column). */
    public DMatrixRMaj preActivations(DMatrixRMaj inputs) {
        if (inputs.numRows != inputDimension()) {
            throw new IllegalArgumentException("inputs must be d×m with d = " + inputDimension()
                    + ", got " + inputs.numRows + "×" + inputs.numCols);
        }
        DMatrixRMaj z = new DMatrixRMaj(width(), inputs.numCols);
        CommonOps_DDRM.mult(inputWeights, inputs, z);
        return z;
    }

    /**
     * The feature matrix Φ (N×m): {@code Φ[r][j] = N·c_N·b_r·σ(a_rᵀx_j)}, so that the network's output
     * is the mean of the rows and a subnetwork on a multiset S is the mean of its rows.
     */
    public DMatrixRMaj features(DMatrixRMaj inputs) {
        DMatrixRMaj z = preActivations(inputs);
        int m = inputs.numCols;
        double factor = scaling.neuronFactor(width());
        for (int r = 0; r < width(); r++) {
            double b = factor * outputWeights[r];
            int off = r * m;
            for (int j = 0; j < m; j++) {
                z.data[off + j] = b * activation.value(z.data[off + j]);
            }
        }
        return z;
    }

    /** The network's outputs on the m points: the mean of the rows of {@link #features}. */
    public double[] output(DMatrixRMaj inputs) {
        DMatrixRMaj phi = features(inputs);
        int m = phi.numCols;
        double[] f = new double[m];
        for (int r = 0; r < phi.numRows; r++) {
            int off = r * m;
            for (int j = 0; j < m; j++) {
                f[j] += phi.data[off + j];
            }
        }
        for (int j = 0; j < m; j++) {
            f[j] /= phi.numRows;
        }
        return f;
    }
}
