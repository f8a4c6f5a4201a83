package org.pruneproof.reference.greedy;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The best convex combination of the neurons: least squares over the simplex,
 * <pre>  min_{α ∈ Δ_N} F(α),  F(α) = L(g_α) = (1/m)·‖Σ_i α_i φ_i − y‖²,</pre>
 * by accelerated projected gradient (FISTA, Beck &amp; Teboulle 2009) with the exact step 1/λ,
 * λ = (2/m)·σ_max(Φ)², Euclidean projection onto Δ_N by sorting (Duchi et al. 2008), and a restart
 * whenever F increases (O'Donoghue &amp; Candès 2015). Each iteration costs O(N·m). Every 50
 * iterations the current support S is polished: the exact minimiser of F on the affine hull of
 * {φ_i : i ∈ S} (a (|S|+1)-dimensional KKT system) replaces α when it stays on the simplex, lowers F
 * and certifies the requested gap.
 *
 * <p>Certificate: the Frank–Wolfe duality gap
 * <pre>  gap(α) = ⟨∇F(α), α⟩ − min_i ∂_i F(α)  ≥  F(α) − min_Δ F,</pre>
 * so {@code loss − gap} is a proven lower bound on the optimum. Any α on the simplex is a valid input
 * to the general-rate bound; the gap only says how close to the best one it is.
 */
public final class SimplexLeastSquares {

    private SimplexLeastSquares() {
    }

    /**
     * A convex combination and its certificate.
     *
     * @param alpha      weights on Δ_N
     * @param loss       F(α) = L(g_α)
     * @param dualityGap Frank–Wolfe gap, an upper bound on F(α) − min_Δ F (≥ 0 up to rounding)
     * @param iterations iterations used
     */
    public record Fit(double[] alpha, double loss, double dualityGap, int iterations) {
        public Fit {
            alpha = alpha.clone();
        }

        @Override
        public double[] alpha() {
            return alpha.clone();
        }

        /** A proven lower bound on min_Δ F: {@code loss − max(gap, 0)}. */
        public double lowerBound() {
            return loss - Math.max(dualityGap, 0);
        }
    }

    /**
     * Solves until the gap is at most {@code tolerance·max(loss, 1e-300)} or {@code maxIterations} are spent.
     *
     * @param phi           N×m features
     * @param y             target, length m
     * @param tolerance     relative gap at which to stop, &gt; 0
     * @param maxIterations iteration cap ≥ 1
     */
    public static Fit solve(DMatrixRMaj phi, double[] y, double tolerance, int maxIterations) {
        int n = phi.numRows;
        int m = phi.numCols;
        FeatureGeometry.requireLength(y, m);
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("need tolerance > 0 and maxIterations ≥ 1, got "
                    + tolerance + " and " + maxIterations);
        }
        double lipschitz = 2.0 / m * largestSquaredSingularValue(phi);
        double[] alpha = new double[n];
        Arrays.fill(alpha, 1.0 / n);
        if (lipschitz == 0) {
            return certify(phi, y, alpha, 0);
        }
        double[] z = alpha.clone();
        double t = 1;
        double loss = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, alpha), y);
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[] grad = gradient(phi, y, z);
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = z[i] - grad[i] / lipschitz;
            }
            projectOntoSimplex(next);
            double nextLoss = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, next), y);
            if (nextLoss > loss) {
                // restart the momentum from the last iterate
                z = alpha.clone();
                t = 1;
                continue;
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            for (int i = 0; i < n; i++) {
                z[i] = next[i] + (t - 1) / tNext * (next[i] - alpha[i]);
            }
            t = tNext;
            alpha = next;
            loss = nextLoss;
            if (it % 50 == 0) {
                if (certify(phi, y, alpha, it).dualityGap() <= tolerance * Math.max(loss, 1e-300)) {
                    break;
                }
                double[] polished = polishOnSupport(phi, y, alpha);
                if (polished != null) {
                    Fit p = certify(phi, y, polished, it);
                    if (p.loss() <= loss && p.dualityGap() <= tolerance * Math.max(p.loss(), 1e-300)) {
                        return p;
                    }
                }
            }
        }
        double[] polished = polishOnSupport(phi, y, alpha);
        if (polished != null) {
            double polishedLoss = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, polished), y);
            Fit before = certify(phi, y, alpha, it);
            Fit after = certify(phi, y, polished, it);
            if (polishedLoss <= loss && after.dualityGap() <= before.dualityGap()) {
                return after;
            }
            return before;
        }
        return certify(phi, y, alpha, it);
    }

    /**
     * Exact minimiser of F on the affine hull of the support S = {i : α_i &gt; 1e-9}: the KKT system
     * {@code Φ_S(Φ_Sᵀβ − y) + μ·1 = 0, 1ᵀβ = 1}, solved with EJML's pseudo-inverse; null when the
     * solution leaves the simplex (the support was not the optimal one).
     */
    static double[] polishOnSupport(DMatrixRMaj phi, double[] y, double[] alpha) {
        // weights below 1e-9 are taken as leaving the support (FISTA approaches a face only in the limit)
        int[] support = java.util.stream.IntStream.range(0, alpha.length).filter(i -> alpha[i] > 1e-9).toArray();
        int k = support.length;
        int m = phi.numCols;
        if (k < 1 || k > 200) {
            return null;
        }
        DMatrixRMaj kkt = new DMatrixRMaj(k + 1, k + 1);
        DMatrixRMaj rhs = new DMatrixRMaj(k + 1, 1);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += phi.get(support[a], j) * phi.get(support[b], j);
                }
                kkt.set(a, b, s);
            }
            kkt.set(a, k, 1);
            kkt.set(k, a, 1);
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += phi.get(support[a], j) * y[j];
            }
            rhs.set(a, 0, s);
        }
        rhs.set(k, 0, 1);
        DMatrixRMaj inverse = new DMatrixRMaj(k + 1, k + 1);
        org.ejml.dense.row.CommonOps_DDRM.pinv(kkt, inverse);
        DMatrixRMaj sol = new DMatrixRMaj(k + 1, 1);
        org.ejml.dense.row.CommonOps_DDRM.mult(inverse, rhs, sol);
        double[] out = new double[alpha.length];
        double sum = 0;
        for (int a = 0; a < k; a++) {
            double v = sol.get(a, 0);
            if (!(v >= 0)) {
                return null;
            }
            out[support[a]] = v;
            sum += v;
        }
        if (!(Math.abs(sum - 1) < 1e-9)) {
            return null;
        }
        for (int a = 0; a < k; a++) {
            out[support[a]] /= sum;
        }
        return out;
    }

    /** The Frank–Wolfe duality gap of α. */
    static Fit certify(DMatrixRMaj phi, double[] y, double[] alpha, int iterations) {
        double[] grad = gradient(phi, y, alpha);
        double inner = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < alpha.length; i++) {
            inner += grad[i] * alpha[i];
            min = Math.min(min, grad[i]);
        }
        double loss = FeatureGeometry.meanSquaredError(FeatureGeometry.combination(phi, alpha), y);
        return new Fit(alpha, loss, inner - min, iterations);
    }

    /** ∇F(α) = (2/m)·Φ·(Φᵀα − y). */
    static double[] gradient(DMatrixRMaj phi, double[] y, double[] alpha) {
        int m = phi.numCols;
        double[] g = FeatureGeometry.combination(phi, alpha);
        for (int j = 0; j < m; j++) {
            g[j] -= y[j];
        }
        double[] grad = new double[phi.numRows];
        for (int i = 0; i < phi.numRows; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += phi.data[i * m + j] * g[j];
            }
            grad[i] = 2.0 / m * s;
        }
        return grad;
    }

    /** σ_max(Φ)², the largest eigenvalue of the m×m Gram matrix ΦᵀΦ, by EJML's symmetric eigen-solver. */
    static double largestSquaredSingularValue(DMatrixRMaj phi) {
        int m = phi.numCols;
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(phi, phi, gram);
        var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(m, false, true);
        if (!eig.decompose(gram)) {
            // fall back on the Frobenius norm, an upper bound
            return org.ejml.dense.row.NormOps_DDRM.normF(phi) * org.ejml.dense.row.NormOps_DDRM.normF(phi);
        }
        double max = 0;
        for (int k = 0; k < m; k++) {
            max = Math.max(max, eig.getEigenvalue(k).getReal());
        }
        // a hair above the eigenvalue, so that rounding never makes the step too long
        return max * (1 + 1e-12) + 1e-300;
    }

    /** Euclidean projection onto Δ_N in place: α_i ← max(α_i − τ, 0) with τ chosen so that Σ α_i = 1. */
    public static void projectOntoSimplex(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double tau = 0;
        for (int k = u.length - 1; k >= 0; k--) {
            cumulative += u[k];
            double candidate = (cumulative - 1) / (u.length - k);
            if (k == 0 || u[k - 1] <= candidate) {
                tau = candidate;
                break;
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(v[i] - tau, 0);
        }
    }
}
