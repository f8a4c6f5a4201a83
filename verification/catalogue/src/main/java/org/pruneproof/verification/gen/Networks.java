package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Gens;

/**
 * Seeded two-layer ReLU networks and data for the training claims: the initialisation of Du et al.
 * (w_r ~ N(0, I_d), b_r uniform on {±1}; notes {@code wolfe2021.md} §3.3), inputs on the unit sphere,
 * orthonormal inputs, ±1 targets, and a mean-field teacher.
 */
public final class Networks {

    private Networks() {
    }

    /** A width-N ReLU network on R^d with w_r ~ N(0, I_d) and b_r ∈ {±1} uniform. */
    public static TwoLayerNetwork random(SplittableRandom r, int width, int dimension, Scaling scaling) {
        return new TwoLayerNetwork(new DMatrixRMaj(Gens.gaussianMatrix(r, width, dimension, 1)), signs(r, width),
                Activations.RELU, scaling);
    }

    /** n values uniform on {±1}. */
    public static double[] signs(SplittableRandom r, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextBoolean() ? 1 : -1;
        }
        return s;
    }

    /** m points uniform on S^{d−1}, as the columns of a d×m matrix. */
    public static DMatrixRMaj unitInputs(SplittableRandom r, int dimension, int points) {
        DMatrixRMaj x = new DMatrixRMaj(dimension, points);
        for (int j = 0; j < points; j++) {
            double[] p = Gens.unitSphere(r, dimension);
            for (int k = 0; k < dimension; k++) {
                x.set(k, j, p[k]);
            }
        }
        return x;
    }

    /**
     * Targets of a mean-field ReLU teacher {@code y_j = (1/k)·Σ_t a_t·σ(v_tᵀx_j)} with v_t ~ N(0, I_d) and
     * a_t = ±{@code amplitude}.
     */
    public static double[] teacher(SplittableRandom r, DMatrixRMaj inputs, int teacherWidth, double amplitude) {
        TwoLayerNetwork t = random(r, teacherWidth, inputs.numRows, Scaling.MEAN_FIELD);
        double[] a = t.outputWeights();
        for (int i = 0; i < a.length; i++) {
            a[i] *= amplitude;
        }
        return new TwoLayerNetwork(t.inputWeights(), a, t.activation(), Scaling.MEAN_FIELD).output(inputs);
    }

    /**
     * The sub-network of the neurons {@code selected} (a multiset, repeats allowed), with the same scaling,
     * whose output is the greedy subnetwork {@code f_S = (1/|S|)·Σ_{k∈S} φ_k}: output weights are multiplied
     * by {@code N·c_N/(n·c_n)} (1 in mean-field scaling, √(N/n) in NTK scaling).
     */
    public static TwoLayerNetwork subnetwork(TwoLayerNetwork net, int[] selected) {
        int d = net.inputDimension();
        DMatrixRMaj w = new DMatrixRMaj(selected.length, d);
        double[] b = new double[selected.length];
        double rescale = net.scaling().neuronFactor(net.width()) / net.scaling().neuronFactor(selected.length);
        for (int k = 0; k < selected.length; k++) {
            for (int c = 0; c < d; c++) {
                w.set(k, c, net.inputWeights().get(selected[k], c));
            }
            b[k] = rescale * net.outputWeights()[selected[k]];
        }
        return new TwoLayerNetwork(w, b, net.activation(), net.scaling());
    }
}
