package org.pruneproof.verification.experiments;

import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * The quantities the proofs of the greedy bounds (docs/theory/ye2020.md, wolfe2021.md) reason about, recomputed from
 * a greedy path: the scaled residuals r_n = n·(f_n − y) (r_0 = 0) and the averages over neurons that the proofs
 * compare the greedy step with. Inner products are {@code scale·u·v}: scale = 1/m for the (1/m) geometry of ye2020,
 * 1 for the sum losses of wolfe2021.
 */
public final class GreedyResiduals {

    private final DMatrixRMaj phi;
    private final double[] y;
    private final double scale;
    private final double[][] residual;

    private GreedyResiduals(DMatrixRMaj phi, double[] y, GreedyPath path, double scale) {
        this.phi = phi;
        this.y = y;
        this.scale = scale;
        int m = y.length;
        residual = new double[path.steps() + 1][m];
        double[] sum = new double[m];
        for (int n = 1; n <= path.steps(); n++) {
            int i = path.selected()[n - 1];
            for (int j = 0; j < m; j++) {
                sum[j] += phi.get(i, j);
                residual[n][j] = sum[j] - n * y[j];
            }
        }
    }

    /** The residuals of {@code path} on (Φ, y) with inner product {@code scale·u·v}. */
    public static GreedyResiduals of(DMatrixRMaj phi, double[] y, GreedyPath path, double scale) {
        return new GreedyResiduals(phi, y, path, scale);
    }

    /** r_n = n·(f_n − y); r_0 = 0. */
    public double[] residual(int n) {
        return residual[n];
    }

    /** ⟨u, v⟩ = scale·u·v. */
    public double inner(double[] u, double[] v) {
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            s += u[j] * v[j];
        }
        return scale * s;
    }

    /** ‖r_n + φ_i − y‖², the squared norm after adding neuron i to the n-step subnetwork (times (n+1)²). */
    public double stepNorm(int n, int i) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            double d = residual[n][j] + phi.get(i, j) - y[j];
            s += d * d;
        }
        return scale * s;
    }

    /** Σ_i w_i ‖r_n + φ_i − y‖²: the average the proofs bound the greedy minimum by. */
    public double weightedStepNorm(int n, double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                s += w[i] * stepNorm(n, i);
            }
        }
        return s;
    }

    /** min_i ‖r_n + φ_i − y‖² over all neurons. */
    public double minStepNorm(int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < phi.numRows; i++) {
            best = Math.min(best, stepNorm(n, i));
        }
        return best;
    }

    /** max_k ⟨−r_n, φ_k − y⟩ = max_k ⟨w_n, φ_k − y⟩ with w_n = n(y − f_n). */
    public double maxAlignment(int n) {
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < phi.numRows; k++) {
            double s = 0;
            for (int j = 0; j < y.length; j++) {
                s -= residual[n][j] * (phi.get(k, j) - y[j]);
            }
            best = Math.max(best, scale * s);
        }
        return best;
    }

    /** The combination Σ_i w_i φ_i minus y. */
    public double[] combinationMinusTarget(double[] w) {
        double[] g = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < y.length; j++) {
                g[j] += w[i] * phi.get(i, j);
            }
        }
        for (int j = 0; j < y.length; j++) {
            g[j] -= y[j];
        }
        return g;
    }

    /** Uniform weights 1/N. */
    public double[] uniform() {
        double[] w = new double[phi.numRows];
        java.util.Arrays.fill(w, 1.0 / phi.numRows);
        return w;
    }
}
