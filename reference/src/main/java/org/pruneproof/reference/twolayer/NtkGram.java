package org.pruneproof.reference.twolayer;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.pruneproof.theory.activation.Activation;

/**
 * Gram matrices of the neural tangent kernel of the hidden layer of a two-layer ReLU network
 * (Du et al. 2019; docs/theory/wolfe2021.md).
 *
 * <p>Infinite width, w ~ N(0, I_d):
 * <pre>  H∞_ij = E_w[ x_iᵀx_j·1{wᵀx_i ≥ 0}·1{wᵀx_j ≥ 0} ] = x_iᵀx_j·(π − θ_ij)/(2π),
 *   θ_ij = arccos( x_iᵀx_j / (‖x_i‖·‖x_j‖) ).</pre>
 * For unit inputs this is the closed form x_iᵀx_j·(π − arccos(x_iᵀx_j))/(2π); inputs of any non-zero
 * norm are handled by taking the angle of the normalised inputs (the indicators depend only on
 * directions), and a zero input gives a zero row and column. λ₀ = λ_min(H∞) &gt; 0 when no two inputs
 * are parallel.
 */
public final class NtkGram {

    private NtkGram() {
    }

    /** H∞ (m×m) for the inputs X (d×m, one point per column). */
    public static DMatrixRMaj infiniteWidth(DMatrixRMaj inputs) {
        int m = inputs.numCols;
        DMatrixRMaj dots = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(inputs, inputs, dots);
        DMatrixRMaj h = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double dot = dots.get(i, j);
                double norms = Math.sqrt(dots.get(i, i) * dots.get(j, j));
                if (norms == 0) {
                    continue;
                }
                double cos = i == j ? 1 : Math.max(-1, Math.min(1, dot / norms));
                h.set(i, j, dot * (Math.PI - StrictMath.acos(cos)) / (2 * Math.PI));
            }
        }
        return h;
    }

    /**
     * The empirical Gram matrix of a finite network at its current weights (NTK scaling of the hidden
     * layer): {@code H_ij = (1/N)·Σ_r b_r²·x_iᵀx_j·σ'(w_rᵀx_i)·σ'(w_rᵀx_j)}; for ReLU with b_r = ±1 and
     * Gaussian w_r it converges to H∞ as N → ∞.
     */
    public static DMatrixRMaj empirical(TwoLayerNetwork net, DMatrixRMaj inputs) {
        DMatrixRMaj z = net.preActivations(inputs);
        Activation act = net.activation();
        double[] b = net.outputWeights();
        int n = z.numRows;
        int m = z.numCols;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < m; i++) {
                z.data[r * m + i] = b[r] * act.derivative(z.data[r * m + i]);
            }
        }
        DMatrixRMaj pattern = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(z, z, pattern);
        DMatrixRMaj dots = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(inputs, inputs, dots);
        DMatrixRMaj h = new DMatrixRMaj(m, m);
        CommonOps_DDRM.elementMult(pattern, dots, h);
        CommonOps_DDRM.scale(1.0 / n, h);
        return h;
    }

    /** The eigenvalues of a symmetric matrix, in increasing order (EJML symmetric decomposition). */
    public static double[] symmetricEigenvalues(DMatrixRMaj symmetric) {
        if (symmetric.numRows != symmetric.numCols) {
            throw new IllegalArgumentException("expected a square matrix, got " + symmetric.numRows + "×" + symmetric.numCols);
        }
        int m = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new ArithmeticException("symmetric eigen-decomposition did not converge (" + m + "×" + m + ")");
        }
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(values);
        return values;
    }

    /** λ_min of a symmetric matrix; λ₀ when applied to H∞. */
    public static double smallestEigenvalue(DMatrixRMaj symmetric) {
        return symmetricEigenvalues(symmetric)[0];
    }

    /** λ_max of a symmetric matrix. */
    public static double largestEigenvalue(DMatrixRMaj symmetric) {
        double[] v = symmetricEigenvalues(symmetric);
        return v[v.length - 1];
    }
}
