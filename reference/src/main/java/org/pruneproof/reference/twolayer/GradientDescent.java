package org.pruneproof.reference.twolayer;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;

/**
 * Training of a two-layer network {@code u_i = c_N·Σ_r b_r·σ(w_rᵀx_i)} by full-batch gradient descent or
 * mini-batch SGD on {@code ½·‖u − y‖²}, in either {@link Scaling}, with the output layer fixed or
 * trained. Conventions (loss, step size) are those of {@link TrainingConfig}.
 *
 * <p>With residual {@code R = u − y}, the gradients are
 * <pre>  ∂/∂w_r = c_N·b_r·Σ_i R_i·σ'(w_rᵀx_i)·x_i,    ∂/∂b_r = c_N·Σ_i R_i·σ(w_rᵀx_i),</pre>
 * computed for all neurons at once as the matrix product {@code G·Xᵀ} with
 * {@code G[r][i] = b_r·σ'(z_ri)·R_i} (EJML {@code multTransB}); the update multiplies them by η (NTK) or
 * η·N (mean-field), so that in mean-field scaling {@code w_r ← w_r − η·b_r·Σ_i R_i σ'(w_rᵀx_i) x_i}
 * (docs/theory/wolfe2021.md). Both layers are updated from the same (pre-step) weights.
 *
 * <p>Divergence: the sum loss is computed before every step; when it is NaN or infinite, training stops
 * and the {@link Trajectory} says {@link Trajectory.Status#DIVERGED} with the iteration. It never
 * continues silently.
 */
public final class GradientDescent {

    private GradientDescent() {
    }

    /** Trains without checkpoints. */
    public static Trajectory<TwoLayerNetwork> train(TwoLayerNetwork init, DMatrixRMaj inputs, double[] y, TrainingConfig config) {
        return train(init, inputs, y, config, c -> { });
    }

    /**
     * Trains {@code init} (left unchanged) on inputs X (d×m, one point per column) and targets y.
     *
     * @param atCheckpoint receives Φ(t) and u(t) at every checkpoint of {@code config} reached before a
     *                     divergence
     */
    public static Trajectory<TwoLayerNetwork> train(TwoLayerNetwork init, DMatrixRMaj inputs, double[] y, TrainingConfig config,
                                   Consumer<Checkpoint> atCheckpoint) {
        Objects.requireNonNull(init, "network");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(y, "targets");
        Objects.requireNonNull(config, "config");
        int n = init.width();
        int d = init.inputDimension();
        int m = inputs.numCols;
        if (inputs.numRows != d) {
            throw new IllegalArgumentException("inputs must be d×m with d = " + d + ", got " + inputs.numRows + "×" + m);
        }
        if (y.length != m) {
            throw new IllegalArgumentException("targets: expected length m = " + m + ", got " + y.length);
        }
        if (config.batchSize() > m) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " exceeds the " + m + " training points");
        }
        Scaling scaling = init.scaling();
        Activation act = init.activation();
        double outFactor = scaling.outputFactor(n);
        double neuronFactor = scaling.neuronFactor(n);
        double stepScale = config.stepSize() * (scaling == Scaling.MEAN_FIELD ? n : 1) * outFactor;

        DMatrixRMaj w = init.inputWeights().copy();
        double[] b = init.outputWeights().clone();
        DMatrixRMaj z = new DMatrixRMaj(n, m);
        DMatrixRMaj hidden = new DMatrixRMaj(n, m);
        DMatrixRMaj gradW = new DMatrixRMaj(n, d);
        double[] u = new double[m];
        double[] losses = new double[config.iterations() + 1];
        boolean full = config.batchSize() == 0 || config.batchSize() == m;
        int batch = full ? m : config.batchSize();
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        DMatrixRMaj g = new DMatrixRMaj(n, batch);
        DMatrixRMaj xBatch = full ? inputs : new DMatrixRMaj(d, batch);

        for (int t = 0; ; t++) {
            CommonOps_DDRM.mult(w, inputs, z);
            java.util.Arrays.fill(u, 0);
            for (int r = 0; r < n; r++) {
                int off = r * m;
                double br = outFactor * b[r];
                for (int i = 0; i < m; i++) {
                    double h = act.value(z.data[off + i]);
                    hidden.data[off + i] = h;
                    u[i] += br * h;
                }
            }
            double loss = Losses.sumSquared(u, y);
            losses[t] = loss;
            if (!Double.isFinite(loss)) {
                return new Trajectory<>(java.util.Arrays.copyOf(losses, t + 1), Trajectory.Status.DIVERGED, t,
                        new TwoLayerNetwork(w, b, act, scaling));
            }
            if (config.isCheckpoint(t)) {
                DMatrixRMaj phi = new DMatrixRMaj(n, m);
                for (int r = 0; r < n; r++) {
                    int off = r * m;
                    double br = neuronFactor * b[r];
                    for (int i = 0; i < m; i++) {
                        phi.data[off + i] = br * hidden.data[off + i];
                    }
                }
                atCheckpoint.accept(new Checkpoint(t, new TwoLayerNetwork(w.copy(), b.clone(), act, scaling), phi, u.clone()));
            }
            if (t == config.iterations()) {
                return new Trajectory<>(losses, Trajectory.Status.COMPLETED, -1, new TwoLayerNetwork(w, b, act, scaling));
            }
            // the points of this step: all of them, or B drawn without replacement (partial Fisher–Yates)
            if (!full) {
                for (int k = 0; k < batch; k++) {
                    int j = k + random.nextInt(m - k);
                    int tmp = order[k];
                    order[k] = order[j];
                    order[j] = tmp;
                    for (int row = 0; row < d; row++) {
                        xBatch.data[row * batch + k] = inputs.data[row * m + order[k]];
                    }
                }
            }
            double weight = (double) m / batch;
            double[] gradB = config.trainOutputLayer() ? new double[n] : null;
            for (int r = 0; r < n; r++) {
                int off = r * m;
                int goff = r * batch;
                for (int k = 0; k < batch; k++) {
                    int i = full ? k : order[k];
                    double res = weight * (u[i] - y[i]);
                    g.data[goff + k] = b[r] * act.derivative(z.data[off + i]) * res;
                    if (gradB != null) {
                        gradB[r] += res * hidden.data[off + i];
                    }
                }
            }
            CommonOps_DDRM.multTransB(g, xBatch, gradW);
            for (int k = 0; k < n * d; k++) {
                w.data[k] -= stepScale * gradW.data[k];
            }
            if (gradB != null) {
                for (int r = 0; r < n; r++) {
                    b[r] -= stepScale * gradB[r];
                }
            }
        }
    }
}
