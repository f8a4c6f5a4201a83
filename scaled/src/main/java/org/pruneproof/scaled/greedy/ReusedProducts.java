package org.pruneproof.scaled.greedy;

import java.util.HashMap;
import java.util.Map;
import org.pruneproof.scaled.Precision;

/**
 * The inner products Φr_n of greedy selection with replacement, without a pass over Φ for a neuron
 * chosen before. With r_n = s_n/n − y and s_n = Σ_{j&lt;n} φ_{i_j} (the chosen neurons, repeats
 * counted),
 * <pre>  Φr_n = (Φs_n)/n − Φy,   Φs_n = Σ_{j&lt;n} Φφ_{i_j},</pre>
 * so it keeps Φy and, for each <em>distinct</em> chosen neuron i, the column Φφ_i = (⟨φ_k, φ_i⟩)_k (one pass, the
 * first time i is chosen); a repeated choice adds its stored column to Φs in O(N). Φs is accumulated in double. It is
 * made at the start of the second step (the first step's product Φr_1 = −Φy is the selector's own working-precision
 * GEMV, at the speed of one streaming read of Φ).
 *
 * <p>Float32 features: the passes are {@link FloatLaneRowDots} (float32 lane sums of 8 terms added in double, error
 * ≤ c·‖φ_k‖·‖v‖ with c ≈ 4.8e-7), Φy from y = y_hi + y_lo + ρ split into two float32 vectors and a double remainder
 * (|ρ_j| ≤ 2⁻⁴⁸·|y_j|). A pass that a newly chosen neuron needs also computes, in the same read of Φ, the columns of
 * up to {@value #BATCH} − 1 <em>speculative</em> neurons, those that the selector expects to be chosen next (the
 * best-screened neurons without a column; {@link GreedySelector}); speculation stops once the stored columns take as
 * many bytes as Φ. Float64 features: BLAS dgemv, one column a pass, error ≤ γ_m·‖φ_k‖·‖v‖ in any summation order;
 * Φy = −Φr_1 from the first step's dgemv (r_1 = −y exactly).
 *
 * <p>Error ({@link #innerProductBound}): |computed (Φr_n)_k − ⟨φ_k, r_n⟩| ≤ β_n·‖φ_k‖, where r_n is formed from the
 * computed sum s_n, with β_n = (c + 2(1 + c)·γ_{n+3})·A_n + b_y·(1 + u) + u·‖y‖, A_n = (1/n)·Σ_{j&lt;n} ‖φ_{i_j}‖
 * (enlarged for its own roundings), b_y the bound of Φy per unit ‖φ_k‖ and u = 2⁻⁵³: the column errors, the double
 * sum of the n − 1 columns (γ_{n−1}), its difference from ⟨φ_k, s_n⟩ for the computed s_n (γ_{n−1} again), the
 * division by n and the subtraction of Φy. Memory: N doubles per stored column.
 */
final class ReusedProducts {

    /** The most columns computed in one read of Φ (the needed one and speculative ones). */
    static final int BATCH = 4;

    private static final double U = 0x1p-53;

    private final Features features;
    private final RowProducts products;
    private final FloatLaneRowDots dots;
    /** c: a column entry (Φφ_i)_k is off by at most c·‖φ_k‖·‖φ_i‖. */
    private final double columnCoefficient;
    /** b_y: (Φy)_k is off by at most b_y·‖φ_k‖. */
    private final double targetBound;
    /** Enlargement of computed norms and sums of norms for their own roundings. */
    private final double normSafety;
    private final int n;
    private final int m;
    private final double[] phiY;
    private final double normY;
    private final double[] phiS;
    private final Map<Integer, double[]> columns = new HashMap<>();
    private double chosenNormSum;
    private int terms;
    private long passes;

    /**
     * After the first step, which chose neuron {@code first} by a GEMV of Φ with r_1 = −y still held in
     * {@code products} (nothing else has used them since): Φy and Φφ_first (one pass over Φ), with the columns of
     * the speculative neurons in the same pass (float32 features).
     *
     * @param row         φ_first widened to double (length m), as the selector has just read it
     * @param speculative neurons whose columns to compute in the same pass (at most {@link #BATCH} − 1 are used)
     */
    ReusedProducts(Features features, RowProducts products, double[] y, int first, double[] row, int[] speculative) {
        this.features = features;
        this.products = products;
        this.n = features.neurons();
        this.m = features.points();
        boolean single = features.precision() == Precision.FLOAT32;
        this.dots = single ? new FloatLaneRowDots(features) : null;
        this.normSafety = 1 + FloatLaneRowDots.gamma(m + 8L, U);
        double yy = 0;
        for (int j = 0; j < m; j++) {
            yy += y[j] * y[j];
        }
        this.normY = Math.sqrt(yy) * normSafety;
        if (single) {
            this.columnCoefficient = dots.coefficient();
            float[] hi = new float[m];
            float[] lo = new float[m];
            double hh = 0;
            double ll = 0;
            double rho = 0;
            for (int j = 0; j < m; j++) {
                hi[j] = (float) y[j];
                double rest = y[j] - hi[j];          // exact in double
                lo[j] = (float) rest;
                double remainder = rest - lo[j];     // exact in double
                hh += (double) hi[j] * hi[j];
                ll += (double) lo[j] * lo[j];
                rho += remainder * remainder;
            }
            int[] extra = speculationBatch(speculative, first);
            float[][] vectors = new float[3 + extra.length][];
            vectors[0] = hi;
            vectors[1] = lo;
            vectors[2] = floatRow(first);
            for (int b = 0; b < extra.length; b++) {
                vectors[3 + b] = floatRow(extra[b]);
            }
            double[][] out = dots.times(vectors);
            this.phiY = new double[n];
            for (int k = 0; k < n; k++) {
                phiY[k] = out[0][k] + out[1][k];
            }
            double c = columnCoefficient;
            // Φy_hi and Φy_lo each within c·‖φ_k‖·‖y_·‖, their sum rounded once, Φρ neglected (≤ ‖φ_k‖·‖ρ‖)
            this.targetBound = ((c + U * (1 + c)) * (Math.sqrt(hh) + Math.sqrt(ll)) + Math.sqrt(rho)) * normSafety;
            columns.put(first, out[2]);
            for (int b = 0; b < extra.length; b++) {
                columns.put(extra[b], out[3 + b]);
            }
        } else {
            this.columnCoefficient = FloatLaneRowDots.gamma(m, U);
            // the first step's dgemv was with r_1 = 0/1 − y = −y exactly: Φy = −Φr_1, bit for bit
            this.phiY = new double[n];
            for (int k = 0; k < n; k++) {
                phiY[k] = -products.get(k);
            }
            this.targetBound = columnCoefficient * normY;
            columns.put(first, pass(row));
        }
        passes++;
        this.phiS = columns.get(first).clone();
        terms = 1;
        chosenNormSum = Math.sqrt(features.squaredNorm(first));
    }

    /** (Φr_next)_k = (Φs)_k/next − (Φy)_k for every neuron k, into {@code out} (length N). */
    void innerProducts(int next, double[] out) {
        double divisor = next;
        for (int k = 0; k < n; k++) {
            out[k] = phiS[k] / divisor - phiY[k];
        }
    }

    /** A_next + ‖y‖ (enlarged for roundings): |(Φr_next)_k| ≤ (1 + c)·‖φ_k‖·(A_next + ‖y‖) up to β_next. */
    double magnitudeScale(int next) {
        return averageNorm(next) + normY;
    }

    /** β_next of the class comment: |computed (Φr_next)_k − ⟨φ_k, r_next⟩| ≤ β_next·‖φ_k‖. */
    double innerProductBound(int next) {
        double c = columnCoefficient;
        double g = FloatLaneRowDots.gamma(terms + 3L, U);
        return ((c + 2 * (1 + c) * g) * averageNorm(next) + targetBound * (1 + U) + U * normY) * (1 + 4 * U);
    }

    /** A_next = (1/next)·Σ ‖φ_{i_j}‖ over the chosen neurons, enlarged for the roundings of norms, sum and division. */
    private double averageNorm(int next) {
        return chosenNormSum / next * normSafety * (1 + FloatLaneRowDots.gamma(terms + 2L, U));
    }

    /** Whether the column of neuron i is stored (a choice of i costs no pass). */
    boolean hasColumn(int i) {
        return columns.containsKey(i);
    }

    /**
     * Adds the chosen neuron i to s: its column Φφ_i from the store, or from one pass over Φ the first
     * time i is chosen (float32: with the columns of the speculative neurons in the same pass).
     *
     * @param row         φ_i widened to double (length m), as the selector has just read it
     * @param speculative neurons expected to be chosen next (only those without a column are used, at most
     *                    {@link #BATCH} − 1)
     */
    void choose(int i, double[] row, int[] speculative) {
        double[] column = columns.get(i);
        if (column == null) {
            if (dots != null) {
                int[] extra = speculationBatch(speculative, i);
                float[][] vectors = new float[1 + extra.length][];
                vectors[0] = floatRow(i);
                for (int b = 0; b < extra.length; b++) {
                    vectors[1 + b] = floatRow(extra[b]);
                }
                double[][] out = dots.times(vectors);
                column = out[0];
                for (int b = 0; b < extra.length; b++) {
                    columns.put(extra[b], out[1 + b]);
                }
            } else {
                column = pass(row);
            }
            passes++;
            columns.put(i, column);
        }
        for (int k = 0; k < n; k++) {
            phiS[k] += column[k];
        }
        terms++;
        chosenNormSum += Math.sqrt(features.squaredNorm(i));
    }

    /** Full passes over Φ made here: one per distinct chosen neuron without a column (Φy shares the first one's). */
    long passes() {
        return passes;
    }

    /** Columns stored (chosen and speculative neurons). */
    int storedColumns() {
        return columns.size();
    }

    /** The speculative neurons to add to a pass for {@code needed}: without a column, distinct, within the budget. */
    private int[] speculationBatch(int[] speculative, int needed) {
        if (speculative == null || dots == null) {
            return new int[0];
        }
        // stop once the stored columns (8N bytes each) take as many bytes as Φ itself
        long budget = features.bytes() / (8L * n);
        int[] out = new int[BATCH - 1];
        int count = 0;
        for (int s : speculative) {
            if (count == out.length || columns.size() + count + 1 >= budget) {
                break;
            }
            boolean repeat = s == needed || columns.containsKey(s);
            for (int b = 0; b < count && !repeat; b++) {
                repeat = out[b] == s;
            }
            if (!repeat) {
                out[count++] = s;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private float[] floatRow(int i) {
        float[] v = new float[m];
        features.copyRow(i, v);
        return v;
    }

    /** Φv by float64 BLAS GEMV. */
    private double[] pass(double[] v) {
        for (int j = 0; j < m; j++) {
            products.setResidual(j, v[j]);
        }
        products.computeAll();
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = products.get(k);
        }
        return out;
    }
}
