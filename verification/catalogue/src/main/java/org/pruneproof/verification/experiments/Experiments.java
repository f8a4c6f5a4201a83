package org.pruneproof.verification.experiments;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.ForwardPass;
import org.pruneproof.reference.init.GaussianMatrices;
import org.pruneproof.reference.init.Gradients;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.init.Propagation;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.verification.api.LinearFit;

/**
 * Finite-network experiments shared by the statistical Hayou et al. claims: SBP critical sparsity of a tanh net,
 * per-layer score moments m_l with one input and a unit-normal upstream gradient, and variance ratios.
 */
public final class Experiments {

    private Experiments() {
    }

    /** A batch of B points in R^d with i.i.d. N(0, 1) entries and uniform labels in [0, classes). */
    public record Batch(DMatrixRMaj inputs, int[] labels) {
        public static Batch gaussian(SplittableRandom r, int d, int b, int classes) {
            DMatrixRMaj x = GaussianMatrices.of(r, d, b, 1);
            int[] y = new int[b];
            for (int j = 0; j < b; j++) {
                y[j] = r.nextInt(classes);
            }
            return new Batch(x, y);
        }
    }

    /**
     * The exact SBP critical sparsity of a fully connected net of {@code depth} layers, width N = d = 100 … as given,
     * σ_b, σ_w, on a Gaussian batch with random labels (the calibration of Theorem 1: N = d = 100, tanh, σ_b = 0.2).
     */
    public static CriticalSparsity sbpCriticalSparsity(Activation phi, double sigmaB, double sigmaW, int width, int depth,
                                                int batch, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Network net = Network.initialise(NetworkShape.fullyConnected(width, width, depth, classes), phi, sigmaB, sigmaW, r);
        Batch data = Batch.gaussian(r, width, batch, classes);
        Gradients g = Propagation.crossEntropyGradients(net, data.inputs(), data.labels()).gradients();
        return CriticalSparsity.of(Scores.sensitivity(net, g));
    }

    /** One input x ∈ R^d scaled so that ‖x‖²/d = target exactly. */
    public static DMatrixRMaj inputWithMeanSquare(SplittableRandom r, int d, double target) {
        DMatrixRMaj x = GaussianMatrices.of(r, d, 1, 1);
        double ms = 0;
        for (int k = 0; k < d; k++) {
            ms += x.data[k] * x.data[k];
        }
        ms /= d;
        double f = Math.sqrt(target / ms);
        for (int k = 0; k < d; k++) {
            x.data[k] *= f;
        }
        return x;
    }

    /**
     * m_l = mean over the weights of layer l of (W_ij·∂L/∂W_ij)², for one input and a loss whose gradient at the
     * output is a unit-normal vector (so the loss is vᵀ·output).
     */
    public static double[] scoreMoments(Network net, DMatrixRMaj input, SplittableRandom r) {
        ForwardPass pass = Propagation.forward(net, input);
        DMatrixRMaj v = GaussianMatrices.of(r, net.shape().outputs(), 1, 1);
        Gradients g = Propagation.backward(net, pass, v);
        double[][] s = Scores.sensitivity(net, g);
        double[] m = new double[s.length];
        for (int l = 0; l < s.length; l++) {
            double sum = 0;
            for (double x : s[l]) {
                sum += x * x;
            }
            m[l] = sum / s[l].length;
        }
        return m;
    }

    /** Mean of the squares of the pre-activations of each layer, averaged over the batch. */
    public static double[] layerVariances(Network net, DMatrixRMaj inputs) {
        ForwardPass pass = Propagation.forward(net, inputs);
        double[] q = new double[net.layers()];
        for (int l = 0; l < q.length; l++) {
            DMatrixRMaj y = pass.preActivations()[l];
            double sum = 0;
            int n = y.numRows * y.numCols;
            for (int k = 0; k < n; k++) {
                sum += y.data[k] * y.data[k];
            }
            q[l] = sum / n;
        }
        return q;
    }

    /** Least-squares slope of y against x over indices [from, to]. */
    public static double slope(double[] x, double[] y, int from, int to) {
        return LinearFit.of(x, y, from, to).slope();
    }

    /** 0, 1, …, n−1 as doubles. */
    public static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
