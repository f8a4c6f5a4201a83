package org.pruneproof.gpu.greedy;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pruneproof.theory.Tolerance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.greedy.ScreeningWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greedy forward selection of neurons (Ye et al. 2020, notes ye2020.md §3) with Φ on a
 * {@link GreedyDevice}: step n adds the candidate i minimising
 * <pre>  L_i = (1/m)·‖(s + φ_i)/n − y‖²,   s ← s + φ_{i*},</pre>
 * computed as the scaled engine's {@code GreedySelector} does. With the residual r = s/n − y,
 * <pre>  m·L_i = ‖r‖² + 2η·(Φr)_i + η²·‖φ_i‖²,   η = 1/n,</pre>
 * so the device computes one matrix–vector product Φr per step (in the working precision) and the host
 * screens every candidate with it. The candidates within the error window of the screened minimum
 * ({@link ScreeningWindow}) are re-evaluated directly in double,
 * {@code Σ_j ((s_j + φ_ij)/n − y_j)²} summed in order as the reference engine sums it, and the
 * project's tie rule is applied to the direct values: among those within a relative
 * {@link Tolerance#TIE_RELATIVE} of the minimum the lowest index wins. The reported loss is the direct
 * value. In float64 the direct values are the reference engine's bit for bit, so the selections are
 * the same unless the window misses the true minimum; in float32 they are those of the rounded Φ.
 *
 * <p>Candidates: every eligible neuron, or C drawn per step by the reference engine's rule (a
 * persistent pool, a partial Fisher–Yates draw of its first min(C, P) slots from the seeded
 * {@link SplittableRandom} when C &lt; P, and without replacement the chosen slot swapped to the end
 * of the pool), so both engines draw the same candidates from the same seed.
 */
public final class DeviceGreedySelection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceGreedySelection.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final GreedyDevice device;
    private final double[] y;
    private final GreedyVariant variant;
    private final SplittableRandom random;
    private final int n;
    private final int m;
    private final double[] sum;
    private final double[] row;
    private final double[] products;
    private final double[] residual;
    private final int[] pool;
    private int poolSize;
    private int steps;
    private double lastLoss = Double.NaN;
    private int lastRefined;

    /**
     * @param device  Φ (N×m) on a device; not closed by this object
     * @param y       target, length m, finite
     * @param variant with or without replacement, all or C random candidates
     */
    public DeviceGreedySelection(GreedyDevice device, double[] y, GreedyVariant variant) {
        this.device = Objects.requireNonNull(device, "device");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.n = device.neurons();
        this.m = device.points();
        Shapes.requireLength(y, m, "target");
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(y[j])) {
                throw new IllegalArgumentException("target entry " + j + " is not finite: " + y[j]);
            }
        }
        this.y = y.clone();
        this.random = variant.candidates() == 0 ? null : new SplittableRandom(variant.seed());
        this.sum = new double[m];
        this.row = new double[m];
        this.residual = new double[m];
        this.products = new double[n];
        this.pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        this.poolSize = n;
    }

    /**
     * Runs {@code steps} steps of a variant on a device.
     *
     * @throws IllegalArgumentException when steps &lt; 1, or steps &gt; N without replacement
     */
    public static GreedyPath run(GreedyDevice device, double[] y, int steps, GreedyVariant variant) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
        }
        if (!variant.withReplacement() && steps > device.neurons()) {
            throw new IllegalArgumentException("without replacement at most N = " + device.neurons()
                    + " steps can be taken, got " + steps);
        }
        DeviceGreedySelection selection = new DeviceGreedySelection(device, y, variant);
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        long last = System.nanoTime();
        for (int k = 0; k < steps; k++) {
            selected[k] = selection.step();
            loss[k] = selection.lastLoss();
            if (System.nanoTime() - last > PROGRESS_NANOS) {
                last = System.nanoTime();
                LOG.info("greedy selection on {}: step {} of {}, loss {}", device.description(), k + 1, steps, loss[k]);
            }
        }
        return new GreedyPath(selected, loss);
    }

    /** Steps taken so far. */
    public int stepsTaken() {
        return steps;
    }

    /** L_n after the last step (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    /** How many candidates the last step re-evaluated directly (diagnostics). */
    public int lastRefined() {
        return lastRefined;
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
        int scored = draw();
        int next = steps + 1;
        double eta = 1.0 / next;
        double rr = 0;
        for (int j = 0; j < m; j++) {
            residual[j] = sum[j] / next - y[j];
            rr += residual[j] * residual[j];
        }
        device.setResidual(residual);
        device.rowProducts(products);
        double[] screened = new double[scored];
        double screenedMin = Double.POSITIVE_INFINITY;
        double maxNorm = 0;
        for (int k = 0; k < scored; k++) {
            double q = device.squaredNorm(pool[k]);
            screened[k] = rr + 2 * eta * products[pool[k]] + eta * eta * q;
            screenedMin = Math.min(screenedMin, screened[k]);
            maxNorm = Math.max(maxNorm, q);
        }
        double window = ScreeningWindow.width(rr, eta, maxNorm, screenedMin, m, device.precision().unitRoundoff());
        double[] direct = new double[scored];
        double bestLoss = Double.POSITIVE_INFINITY;
        lastRefined = 0;
        for (int k = 0; k < scored; k++) {
            direct[k] = Double.NaN;
            if (screened[k] <= screenedMin + window) {
                direct[k] = directLoss(pool[k], next);
                lastRefined++;
                bestLoss = Math.min(bestLoss, direct[k]);
            }
        }
        double limit = bestLoss + Tolerance.TIE_RELATIVE * Math.abs(bestLoss);
        int best = -1;
        int bestSlot = -1;
        for (int k = 0; k < scored; k++) {
            if (direct[k] <= limit && (best < 0 || pool[k] < best)) {
                best = pool[k];
                bestSlot = k;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no finite candidate loss at step " + next + " (non-finite features?)");
        }
        device.row(best, row);
        for (int j = 0; j < m; j++) {
            sum[j] += row[j];
        }
        if (!variant.withReplacement()) {
            pool[bestSlot] = pool[poolSize - 1];
            pool[poolSize - 1] = best;
            poolSize--;
        }
        steps = next;
        lastLoss = direct[bestSlot] / m;
        return best;
    }

    /** Moves this step's candidates to pool[0, k) and returns k (the reference engine's draw). */
    private int draw() {
        int scored = variant.candidates() == 0 ? poolSize : Math.min(variant.candidates(), poolSize);
        if (random != null && scored < poolSize) {
            for (int c = 0; c < scored; c++) {
                int j = c + random.nextInt(poolSize - c);
                int t = pool[c];
                pool[c] = pool[j];
                pool[j] = t;
            }
        }
        return scored;
    }

    /** {@code Σ_j ((s_j + φ_ij)/n − y_j)²} in double, summed in order (m times the loss). */
    private double directLoss(int i, int next) {
        device.row(i, row);
        double s = 0;
        for (int j = 0; j < m; j++) {
            double d = (sum[j] + row[j]) / next - y[j];
            s += d * d;
        }
        return s;
    }

    @Override
    public String toString() {
        return "greedy selection (" + variant + ") on " + device.description() + ", " + steps + " steps, "
                + Arrays.toString(new int[] {n, m});
    }
}
