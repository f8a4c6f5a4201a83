package org.pruneproof.reference.twolayer;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/**
 * Full-batch gradient descent on a two-layer network with C outputs and a fixed output layer,
 * {@code u_{cj} = c_N·Σ_r B_{rc}·σ(w_rᵀx_j)}, on {@code ½·‖U − Y‖²_F} (the C = 1 case is {@link GradientDescent} with the
 * output layer fixed; a test pins that they agree). With residual R = U − Y (C×m):
 * <pre>  ∂/∂w_r = c_N·Σ_j (Σ_c B_rc R_cj)·σ'(w_rᵀx_j)·x_j,</pre>
 * all neurons at once as {@code G·Xᵀ} with {@code G = (B·R) ⊙ σ'(Z)}; the update multiplies it by η (NTK) or η·N
 * (mean-field), as in {@link GradientDescent}. For greedy selection the network is written as an average of neurons,
 * {@code U = (1/N)·Σ_r φ_r} with {@code φ_r[c·m + j] = N·c_N·B_rc·σ(w_rᵀx_j)}: the features are N×(C·m), class-major, so
 * any greedy selection on a scalar target applies to the flattened Y. Training stops at the first non-finite loss and
 * says so.
 */
public final class MultiOutputGradientDescent {

    private MultiOutputGradientDescent() {
    }

    /**
     * The network after t iterations.
     *
     * @param iteration t
     * @param features  Φ(t), N×(C·m), row r = φ_r(t) class-major
     * @param output    U(t) flattened class-major (length C·m), the mean of the rows of Φ(t)
     */
    public record Checkpoint(int iteration, DMatrixRMaj features, double[] output) {
    }

    /**
     * Trains from input weights {@code w0} (N×d, left unchanged) with the fixed output layer B (N×C) on inputs X (d×m,
     * one point per column) and targets Y (C×m); the step of {@code config} (full batch, output layer fixed).
     *
     * @param atCheckpoint receives Φ(t) and U(t) at every checkpoint of {@code config} reached before a divergence
     * @return the sum losses ½-less ‖U(t) − Y‖²_F per iteration and the final input weights
     */
    public static Trajectory<DMatrixRMaj> train(DMatrixRMaj w0, DMatrixRMaj outputWeights, Activation act, Scaling scaling,
                                                DMatrixRMaj inputs, DMatrixRMaj y, TrainingConfig config,
                                                Consumer<Checkpoint> atCheckpoint) {
        Objects.requireNonNull(config, "config");
        int n = w0.numRows;
        int d = w0.numCols;
        int m = inputs.numCols;
        int classes = outputWeights.numCols;
        if (outputWeights.numRows != n) {
            throw new IllegalArgumentException("output weights: expected " + n + " rows (one per neuron), got " + outputWeights.numRows);
        }
        if (inputs.numRows != d) {
            throw new IllegalArgumentException("inputs must be d×m with d = " + d + ", got " + inputs.numRows + "×" + m);
        }
        if (y.numRows != classes || y.numCols != m) {
            throw new IllegalArgumentException("targets must be C×m = " + classes + "×" + m + ", got " + y.numRows + "×" + y.numCols);
        }
        if (config.trainOutputLayer() || !(config.batchSize() == 0 || config.batchSize() == m)) {
            throw new IllegalArgumentException("only full-batch gradient descent with the output layer fixed is implemented");
        }
        double outFactor = scaling.outputFactor(n);
        double neuronFactor = scaling.neuronFactor(n);
        double stepScale = config.stepSize() * (scaling == Scaling.MEAN_FIELD ? n : 1) * outFactor;
        DMatrixRMaj w = w0.copy();
        DMatrixRMaj b = outputWeights;
        DMatrixRMaj z = new DMatrixRMaj(n, m);
        DMatrixRMaj hidden = new DMatrixRMaj(n, m);
        DMatrixRMaj u = new DMatrixRMaj(classes, m);
        DMatrixRMaj residual = new DMatrixRMaj(classes, m);
        DMatrixRMaj g = new DMatrixRMaj(n, m);
        DMatrixRMaj gradW = new DMatrixRMaj(n, d);
        double[] losses = new double[config.iterations() + 1];
        for (int t = 0; ; t++) {
            CommonOps_DDRM.mult(w, inputs, z);
            for (int k = 0; k < n * m; k++) {
                hidden.data[k] = act.value(z.data[k]);
            }
            CommonOps_DDRM.multTransA(b, hidden, u);
            CommonOps_DDRM.scale(outFactor, u);
            double loss = 0;
            for (int k = 0; k < classes * m; k++) {
                residual.data[k] = u.data[k] - y.data[k];
                loss += residual.data[k] * residual.data[k];
            }
            losses[t] = loss;
            if (!Double.isFinite(loss)) {
                return new Trajectory<>(Arrays.copyOf(losses, t + 1), Trajectory.Status.DIVERGED, t, w);
            }
            if (config.isCheckpoint(t)) {
                DMatrixRMaj phi = new DMatrixRMaj(n, classes * m);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < classes; c++) {
                        double brc = neuronFactor * b.get(r, c);
                        int off = r * classes * m + c * m;
                        for (int j = 0; j < m; j++) {
                            phi.data[off + j] = brc * hidden.data[r * m + j];
                        }
                    }
                }
                atCheckpoint.accept(new Checkpoint(t, phi, u.data.clone()));
            }
            if (t == config.iterations()) {
                return new Trajectory<>(losses, Trajectory.Status.COMPLETED, -1, w);
            }
            CommonOps_DDRM.mult(b, residual, g);
            for (int k = 0; k < n * m; k++) {
                g.data[k] *= act.derivative(z.data[k]);
            }
            CommonOps_DDRM.multTransB(g, inputs, gradW);
            for (int k = 0; k < n * d; k++) {
                w.data[k] -= stepScale * gradW.data[k];
            }
        }
    }
}
