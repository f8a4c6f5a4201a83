package org.pruneproof.scaled.twolayer;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;

/**
 * The state of gradient descent on a two-layer ReLU network and its two halves, the forward pass and
 * one update, each a few batched ND4J operations (GEMMs and element-wise maps, no loop over points or
 * neurons). Used by {@link ScaledGradientDescent}; public so that a benchmark can time one iteration.
 *
 * <p>With W (N×d), b (N), inputs X (d×m), σ = ReLU and c_N = {@link Scaling#outputFactor}:
 * <pre>
 *   forward:  Z = W·X,  H = σ(Z),  u = c_N·bᵀH,  S = ‖u − y‖²
 *   step:     R_k = (m/B)·(u_{i_k} − y_{i_k}) on the batch i_1 … i_B (all points, m/B = 1, for full batch)
 *             G = σ'(Z_B) ⊙ b·R_Bᵀ      (N×B, σ'(z) = 1 for z ≥ 0, else 0: the right derivative)
 *             W ← W − s·G·X_Bᵀ,   b ← b − s·H_B·R   (the latter only when the output layer is trained)
 *             s = η·c_N in NTK scaling, s = η·N·c_N = η in mean-field scaling
 * </pre>
 * which is {@code θ ← θ − η·∇_θ ½‖u − y‖²} (NTK) or {@code θ ← θ − η·N·∇_θ ½‖u − y‖²} (mean-field), with
 * ∂/∂w_r = c_N·b_r·Σ_i R_i σ'(z_ri) x_i and ∂/∂b_r = c_N·Σ_i R_i σ(z_ri). Both layers are updated from the
 * same (pre-step) weights: G is formed before b changes. The W update is one GEMM with α = −s, β = 1.
 *
 * <p><b>Cost of one full-batch iteration</b> (forward + step, output layer trained), in floating-point
 * operations: Z = W·X 2Nmd; σ 1·Nm; u 2Nm; σ'(Z) and the two products forming G 3Nm; W update 2Nmd + Nd
 * (the GEMM with β = 1 adds W once); b update 2Nm + N; in all {@code 4Nmd + 8Nm + Nd + N}
 * ({@link #flopsPerIteration}). The two GEMMs dominate when d ≫ 2.
 */
public final class GradientIteration {

    private final INDArray x;
    private final double[] y;
    private final INDArray w;
    private final INDArray b;
    private final Scaling scaling;
    private final boolean trainOutputLayer;
    private final double stepScale;
    private final int width;
    private final INDArray z;
    private final INDArray h;
    private final INDArray g;
    private final INDArray u;
    private double[] output;

    /**
     * @param init             the initial network (its arrays are copied, not changed)
     * @param inputs           X, d×m (one point per column), converted to the network's precision
     * @param y                targets, length m
     * @param stepSize         η &gt; 0 (conventions of {@link TrainingConfig})
     * @param trainOutputLayer whether b is updated
     */
    public GradientIteration(ScaledTwoLayerNetwork init, INDArray inputs, double[] y, double stepSize,
                             boolean trainOutputLayer) {
        Objects.requireNonNull(init, "network");
        Objects.requireNonNull(y, "targets");
        this.x = init.inputs(inputs).dup('c');
        int m = (int) x.columns();
        if (y.length != m) {
            throw new IllegalArgumentException("targets: expected length m = " + m + ", got " + y.length);
        }
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("step size: expected a finite η > 0, got " + stepSize);
        }
        this.y = y.clone();
        this.width = init.width();
        this.w = init.inputWeights().dup('c');
        this.b = init.outputWeights().dup().reshape(width, 1);
        this.scaling = init.scaling();
        this.trainOutputLayer = trainOutputLayer;
        this.stepScale = stepSize * (scaling == Scaling.MEAN_FIELD ? width : 1) * scaling.outputFactor(width);
        DataType t = w.dataType();
        this.z = Nd4j.create(t, width, m);
        this.h = Nd4j.create(t, width, m);
        this.g = Nd4j.create(t, width, m);
        this.u = Nd4j.create(t, 1, m);
    }

    /** The floating-point operations of one full-batch iteration, {@code 4Nmd + 8Nm + Nd + N} (see above). */
    public static double flopsPerIteration(long n, long m, long d) {
        return 4.0 * n * m * d + 8.0 * n * m + (double) n * d + n;
    }

    /** Forward pass on all m points: Z, H, u; returns {@code S = ‖u − y‖²} (accumulated in double). */
    public double forward() {
        Nd4j.gemm(w, x, z, false, false, 1.0, 0.0);
        h.assign(z);
        org.nd4j.linalg.ops.transforms.Transforms.relu(h, false);
        Nd4j.gemm(b, h, u, true, false, scaling.outputFactor(width), 0.0);
        output = u.castTo(DataType.DOUBLE).toDoubleVector();
        return ScaledGradientDescent.sumSquared(output, y);
    }

    /**
     * One update from the state of the last {@link #forward()}.
     *
     * @param batch the B point indices of a mini-batch, or null for all m points
     */
    public void step(int[] batch) {
        if (output == null) {
            throw new IllegalStateException("forward() must run before step()");
        }
        int m = y.length;
        int size = batch == null ? m : batch.length;
        double weight = (double) m / size;
        double[] res = new double[size];
        for (int k = 0; k < size; k++) {
            int i = batch == null ? k : batch[k];
            res[k] = weight * (output[i] - y[i]);
        }
        INDArray r = Nd4j.createFromArray(new double[][] {res}).castTo(w.dataType());
        INDArray zb = batch == null ? z : gatherColumns(z, batch);
        INDArray xb = batch == null ? x : gatherColumns(x, batch);
        INDArray gb = batch == null ? g : Nd4j.create(w.dataType(), width, size);
        gb.assign(zb.gte(0.0));
        gb.muliColumnVector(b).muliRowVector(r);
        Nd4j.gemm(gb, xb, w, false, true, -stepScale, 1.0);
        if (trainOutputLayer) {
            INDArray hb = batch == null ? h : gatherColumns(h, batch);
            Nd4j.gemm(hb, r, b, false, true, -stepScale, 1.0);
        }
        output = null;
    }

    /** u from the last {@link #forward()} (a copy). */
    public double[] output() {
        if (output == null) {
            throw new IllegalStateException("no forward pass since the last step");
        }
        return output.clone();
    }

    /** Φ = (N·c_N·b) ⊙ H from the last {@link #forward()}: row r is φ_r (a new array). */
    public INDArray features() {
        if (output == null) {
            throw new IllegalStateException("no forward pass since the last step");
        }
        return h.mulColumnVector(b.mul(scaling.neuronFactor(width)));
    }

    /** The current network (a copy). */
    public ScaledTwoLayerNetwork network() {
        return new ScaledTwoLayerNetwork(w.dup('c'), b.dup().reshape(width), scaling);
    }

    /** The columns of {@code a} at the given indices, in that order (one Gather op; rows × count, also for one index). */
    private static INDArray gatherColumns(INDArray a, int[] columns) {
        return Nd4j.exec(new Gather(a, columns, 1))[0].reshape(a.rows(), columns.length);
    }
}
