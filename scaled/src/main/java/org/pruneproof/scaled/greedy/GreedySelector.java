package org.pruneproof.scaled.greedy;

import java.util.Objects;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.Tolerance;

/**
 * Greedy forward selection one step at a time, with one pass over Φ per step: with
 * r = (1 − η)·f − y and η = 1/(n+1), candidate i's loss is ‖r‖² + 2η·(Φr)_i + η²·‖φ_i‖², so one matrix–vector product Φr
 * scores every candidate.
 *
 * <p>After n − 1 steps the subnetwork output is the mean-field average f = s/(n − 1) of the chosen
 * neurons (s their running sum). Step n adds neuron i with weight η = 1/n, giving
 * (1 − η)·f + η·φ_i = (s + φ_i)/n. With the residual {@code r = (1 − η)·f − y = s/n − y} the loss of
 * candidate i is
 * <pre>  m·L_i = ‖r‖² + 2η·(Φr)_i + η²·‖φ_i‖²,</pre>
 * so one step is one matrix–vector product Φr ({@link RowProducts}: one BLAS GEMV in the working
 * precision, a single read of Φ), an argmin over the candidates and an O(m) update of f. The network
 * is never re-evaluated. With random candidates (C &lt; N/2 of them) only the candidates' rows are read.
 *
 * <p>The expanded formula loses relative accuracy when a candidate's loss is much smaller than
 * ‖r‖² (cancellation), and (Φr)_i carries the products' rounding. So the argmin is taken in two stages: the formula
 * screens every candidate, and those within the error window of the screened minimum ({@link #window}: twice the
 * bound on the error of 2η·(Φr)_i, twice the bound on the direct value's own rounding, the roundings of the screened
 * sums and twice the tie tolerance, so that every candidate that could tie with the minimum is among them) are
 * re-evaluated directly, {@code Σ_j ((s_j + φ_ij)/n − y_j)²} in double (each term rounded as in the reference
 * engine; the squares summed in four interleaved partial sums), which costs O(m) per re-evaluated candidate. The tie
 * rule of the project is applied to the direct values: among the candidates within a relative
 * {@link Tolerance#TIE_RELATIVE} of the minimum, the lowest index wins. The reported loss is the direct value, so it
 * keeps full relative accuracy.
 *
 * <p>With one pass per step the error of (Φr)_i is the usual estimate 2η·γ·‖φ_i‖·‖r‖, γ = 4(√m + 4)·u with u the
 * working unit roundoff (a BLAS GEMV guarantees only γ_m in the worst case). With replacement among all neurons, Φr
 * is not recomputed from Φ after the first step (a plain GEMV, at the speed of one streaming read):
 * {@link ReusedProducts} keeps Φy and the column Φφ_i of each distinct chosen neuron (and of a few speculative
 * ones), so a step that chooses a neuron with a stored column costs O(N + m) instead of a pass over Φ. Its products
 * have a rigorous error bound β_n·‖φ_i‖ (float32: sums of 8 float32 terms added in double, {@link FloatLaneRowDots};
 * float64: dgemv), and the window uses it, so the direct re-evaluation and the tie rule, and hence the selections,
 * are those of {@link #onePassPerStep} and of the definition (pinned by tests, with near-duplicate neurons that only
 * the rigorous window orders right). Without replacement, or with random candidates, every step makes its own pass
 * (a new neuron each step needs one anyway).
 *
 * <p>Φ and Φr are held in the working precision; the O(m) state (s, r, y) and the O(N) loss
 * assembly are in double.
 */
public final class GreedySelector {

    private final Features features;
    private final double[] y;
    private final Replacement replacement;
    private final CandidateSampler sampler;
    private final int n;
    private final int m;
    /** Running sum s = Σ φ_{i_k} of the chosen neurons, in double; f_n = s/n. */
    private final double[] sum;
    /** A row of Φ in double, then the direct loss's terms. */
    private final double[] row;
    /** Row buffer for float32 features. */
    private final float[] rowScratch;
    /** Slots [0, poolSize) hold the eligible neurons ({@link CandidateSampler}). */
    private final int[] pool;
    private int poolSize;
    /** r and Φr. */
    private final RowProducts products;
    private final double screenCoefficient;
    /** Φy and the columns Φφ_i of the chosen neurons, with replacement among all neurons; else null. */
    private ReusedProducts reused;
    private final boolean reuse;
    /** After the first step: the neurons whose columns the second step's pass computes speculatively. */
    private int[] speculation;
    private long passes;
    private int steps;
    private double lastLoss = Double.NaN;
    private int lastRefined;
    private int lastChosen = -1;

    /**
     * @param features Φ, N×m
     * @param y        target, length m, finite
     * @param replacement with or without replacement
     * @param sampler  the random-candidate rule, or null to evaluate every eligible neuron
     */
    public GreedySelector(Features features, double[] y, Replacement replacement, CandidateSampler sampler) {
        this(features, y, replacement, sampler, true);
    }

    /**
     * The selector that makes one pass over Φ every step (the implementation before
     * {@link ReusedProducts}): the same selections, kept for cross-checks and benchmarks.
     */
    public static GreedySelector onePassPerStep(Features features, double[] y, Replacement replacement,
                                                CandidateSampler sampler) {
        return new GreedySelector(features, y, replacement, sampler, false);
    }

    private GreedySelector(Features features, double[] y, Replacement replacement, CandidateSampler sampler,
                           boolean reuse) {
        this.features = Objects.requireNonNull(features, "features");
        this.replacement = Objects.requireNonNull(replacement, "replacement");
        this.sampler = sampler;
        this.n = features.neurons();
        this.m = features.points();
        if (y.length != m) {
            throw new IllegalArgumentException("target has length " + y.length + ", expected m = " + m);
        }
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(y[j])) {
                throw new IllegalArgumentException("target entry " + j + " is not finite: " + y[j]);
            }
        }
        this.y = y.clone();
        this.sum = new double[m];
        this.row = new double[m];
        this.rowScratch = features.precision() == Precision.FLOAT32 ? new float[m] : null;
        this.pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        this.poolSize = n;
        Precision p = features.precision();
        this.products = new RowProducts(features);
        this.screenCoefficient = 4 * (Math.sqrt(m) + 4) * p.unitRoundoff();
        this.reuse = reuse && replacement == Replacement.WITH && sampler == null;
    }

    /** Steps taken so far. */
    public int stepsTaken() {
        return steps;
    }

    /** The loss L_n after the last step (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * Full passes over Φ so far (diagnostics): one per step, or, with replacement among all neurons,
     * one for the first step plus one per distinct chosen neuron (Φy comes with the first one's).
     */
    public long passesOverFeatures() {
        return passes + (reused != null ? reused.passes() : 0);
    }

    /** How many candidates the last step re-evaluated directly (diagnostics). */
    public int lastRefined() {
        return lastRefined;
    }

    /** The current output f_n = s/n (zeros before the first step). */
    public double[] output() {
        double[] f = new double[m];
        for (int j = 0; j < m; j++) {
            f[j] = steps == 0 ? 0 : sum[j] / steps;
        }
        return f;
    }

    /**
     * Takes one step and returns the chosen neuron (0-based).
     *
     * @throws IllegalStateException without replacement once all N neurons are chosen
     */
    public int step() {
        if (poolSize == 0) {
            throw new IllegalStateException("all " + n + " neurons are already selected (without replacement)");
        }
        int scored = sampler == null ? poolSize : sampler.draw(pool, poolSize);
        int[] candidates = java.util.Arrays.copyOf(pool, scored);
        int next = steps + 1;
        double eta = 1.0 / next;
        if (reuse && reused == null && steps == 1) {
            // from the second step on: Φy and the first chosen neuron's column (one read of Φ; the first step was a plain
            // GEMV with r_1 = −y, still in products), then no pass for a repeated choice
            int first = lastChosen;
            features.copyRow(first, row, rowScratch);
            reused = new ReusedProducts(features, products, y, first, row, speculation);
            speculation = null;
        }
        double rr = 0;
        double ss = 0;
        for (int j = 0; j < m; j++) {
            double rj = sum[j] / next - y[j];
            rr += rj * rj;
            ss += sum[j] * sum[j];
            if (reused == null) {
                products.setResidual(j, rj);
            }
        }
        double[] inner = reused != null ? reusedInnerProducts(candidates, next) : innerProducts(candidates);
        double[] screened = new double[candidates.length];
        double screenedMin = Double.POSITIVE_INFINITY;
        double maxNorm = 0;
        for (int k = 0; k < candidates.length; k++) {
            double q = features.squaredNorm(candidates[k]);
            screened[k] = rr + 2 * eta * inner[k] + eta * eta * q;
            screenedMin = Math.min(screenedMin, screened[k]);
            maxNorm = Math.max(maxNorm, q);
        }
        double window = window(next, eta, rr, ss, maxNorm, screenedMin);
        int best = -1;
        int bestSlot = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] direct = new double[candidates.length];
        lastRefined = 0;
        for (int k = 0; k < candidates.length; k++) {
            direct[k] = Double.NaN;
            if (screened[k] <= screenedMin + window) {
                direct[k] = directLoss(candidates[k], next);
                lastRefined++;
                bestLoss = Math.min(bestLoss, direct[k]);
            }
        }
        double limit = bestLoss + Tolerance.TIE_RELATIVE * Math.abs(bestLoss);
        for (int k = 0; k < candidates.length; k++) {
            if (direct[k] <= limit && (best < 0 || candidates[k] < best)) {
                best = candidates[k];
                bestSlot = k;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no finite candidate loss at step " + next + " (non-finite features?)");
        }
        features.copyRow(best, row, rowScratch);
        for (int j = 0; j < m; j++) {
            sum[j] += row[j];
        }
        if (reused != null) {
            reused.choose(best, row, reused.hasColumn(best) ? null : bestScreened(candidates, screened, best));
        } else if (reuse && next == 1) {
            speculation = bestScreened(candidates, screened, best);
        }
        if (replacement == Replacement.WITHOUT) {
            pool[bestSlot] = pool[poolSize - 1];
            pool[poolSize - 1] = best;
            poolSize--;
        }
        steps = next;
        lastLoss = bestLoss / m;
        lastChosen = best;
        return best;
    }

    /**
     * The screening window W of a step: every candidate with screened value ≤ min + W is re-evaluated directly, so that
     * no candidate whose direct value lies within the tie tolerance of the least direct value is missed. With E a
     * bound on the error of the screened term 2η·(Φr)_k, D one of the direct value's own rounding (against the exact
     * loss of the computed running sum s) and δ the rounding of ‖r‖², which is common to all candidates and cancels:
     * a candidate k left out has direct_k ≥ screened_k − E − D − δ &gt; min + W − E − D − δ, while the screened minimum's
     * direct value is ≤ min + E + D − δ, so W = 2E + 2D + (roundings of the screened sums and of ‖φ_k‖²) +
     * 2·TIE·(|min| + E + D + |δ|) suffices.
     * <ul>
     *   <li>Reused products: E = 2η·‖φ‖_max·β_n ({@link ReusedProducts#innerProductBound}), a rigorous bound.</li>
     *   <li>One pass per step: E = 2η·γ·‖φ‖_max·‖r‖, γ = 4(√m + 4)·u_work, the usual estimate of the working
     *       precision's dot-product error (not a worst-case bound: that would be γ_m, about 4e-3 for float32 at
     *       m = 65536).</li>
     *   <li>D ≤ γ_{m/4+4}·V + 4.01·u·√V·‖f‖ at the loss level V = |min| + W + |δ| (four partial sums of squares of
     *       terms fl(fl(fl(s_j + φ_kj)/n) − y_j), each within 2.01·u·|f_j| + u·|t_j|, f = (s + φ_k)/n); it grows
     *       with the loss, so it is evaluated at the window's upper end.</li>
     *   <li>δ ≤ 2.01·u·‖r‖·‖s‖/n + γ_m·‖r‖².</li>
     * </ul>
     */
    private double window(int next, double eta, double rr, double ss, double maxNorm, double screenedMin) {
        double u = 0x1p-53;
        double safety = 1 + FloatLaneRowDots.gamma(m + 8L, u);
        double normK = Math.sqrt(maxNorm) * safety;
        double normR = Math.sqrt(rr) * safety;
        double normS = Math.sqrt(ss) * safety;
        double error;
        double magnitude;
        if (reused != null) {
            error = 2 * eta * normK * reused.innerProductBound(next);
            magnitude = 2 * eta * normK * reused.magnitudeScale(next) * 1.001 + error;
        } else {
            magnitude = 2 * eta * normK * normR;
            error = screenCoefficient * magnitude;
            magnitude += error;
        }
        double squares = eta * eta * maxNorm * safety;
        double common = 2.01 * u * normR * normS / next + FloatLaneRowDots.gamma(m, u) * rr;
        double base = 2 * error + 8 * u * (rr + magnitude + squares) + 2 * FloatLaneRowDots.gamma(m, u) * squares
                + 2 * Tolerance.TIE_RELATIVE * (Math.abs(screenedMin) + error + common);
        double f = (normS + normK) / next;
        double w = base;
        for (int it = 0; it < 3; it++) {
            double level = Math.abs(screenedMin) + w + common;
            double d = FloatLaneRowDots.gamma(m / 4 + 4, u) * level + 4.01 * u * Math.sqrt(level) * f;
            w = base + 2 * d * (1 + Tolerance.TIE_RELATIVE);
        }
        return w * (1 + 16 * u);
    }

    /**
     * The neurons to compute columns for speculatively when {@code chosen} needs a pass: the {@link ReusedProducts#BATCH}
     * − 1 candidates other than it, without a stored column, of least screened value (ties to the lower index).
     */
    private int[] bestScreened(int[] candidates, double[] screened, int chosen) {
        int want = ReusedProducts.BATCH - 1;
        int[] slots = new int[want];
        int count = 0;
        for (int k = 0; k < candidates.length; k++) {
            int c = candidates[k];
            if (c == chosen || (reused != null && reused.hasColumn(c)) || Double.isNaN(screened[k])) {
                continue;
            }
            int pos = count;
            while (pos > 0 && (screened[slots[pos - 1]] > screened[k]
                    || (screened[slots[pos - 1]] == screened[k] && candidates[slots[pos - 1]] > c))) {
                pos--;
            }
            if (pos < want) {
                int last = Math.min(count, want - 1);
                System.arraycopy(slots, pos, slots, pos + 1, last - pos);
                slots[pos] = k;
                count = Math.min(count + 1, want);
            }
        }
        int[] out = new int[count];
        for (int b = 0; b < count; b++) {
            out[b] = candidates[slots[b]];
        }
        return out;
    }

    /**
     * (Φr)_i for the candidates: one GEMV over all of Φ when at least half the rows are candidates,
     * else one dot product per candidate row (reading only those rows).
     */
    private double[] innerProducts(int[] candidates) {
        if (2 * candidates.length < n) {
            return products.computeRows(candidates);
        }
        products.computeAll();
        passes++;
        double[] out = new double[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            out[k] = products.get(candidates[k]);
        }
        return out;
    }

    /** (Φr)_i for the candidates from the reused products, O(N). */
    private double[] reusedInnerProducts(int[] candidates, int next) {
        double[] all = new double[n];
        reused.innerProducts(next, all);
        double[] out = new double[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            out[k] = all[candidates[k]];
        }
        return out;
    }

    /**
     * {@code Σ_j ((s_j + φ_ij)/n − y_j)²} in double, the loss of the new average times m: the terms
     * in one element-wise pass (which the JIT vectorises), their squares in four partial sums (j mod 4)
     * combined as (s₀ + s₁) + (s₂ + s₃).
     */
    private double directLoss(int i, int next) {
        features.copyRow(i, row, rowScratch);
        double divisor = next;
        for (int j = 0; j < m; j++) {
            row[j] = (sum[j] + row[j]) / divisor - y[j];
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            s0 += row[j] * row[j];
            s1 += row[j + 1] * row[j + 1];
            s2 += row[j + 2] * row[j + 2];
            s3 += row[j + 3] * row[j + 3];
        }
        for (; j < m; j++) {
            s0 += row[j] * row[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
