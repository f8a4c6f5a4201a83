package org.pruneproof.gpu.check;

import java.util.SplittableRandom;
import org.pruneproof.gpu.greedy.DeviceGreedySelection;
import org.pruneproof.gpu.greedy.GreedyDevice;
import org.pruneproof.gpu.greedy.GreedyVariant;
import org.pruneproof.gpu.greedy.WorkingPrecision;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.gen.FeatureInstance;

/**
 * A device's greedy selection against the reference engine ({@code GreedyForwardSelection}, exact
 * double on EJML) on one instance, with the rule of the claim {@code crosscheck.greedy-selection}:
 * <ul>
 *   <li>float64: the same neuron at every step;</li>
 *   <li>float32: the same neurons up to the first difference d; from d on, each step's choice of the
 *       device must be a near-tie with the exact best candidate given the device's own prefix,
 *       {@code L(i^dev) − min_i L(i) ≤ 4u(√L(i^dev) + √min)·√F + 8u²F}, u = 2⁻²⁴, F = max_i ‖φ_i‖²/m, the
 *       largest amount by which rounding Φ to float32 can reorder two candidates (exact losses in double
 *       on the unrounded Φ).</li>
 * </ul>
 */
public final class GreedyCrossCheck {

    private GreedyCrossCheck() {
    }

    /** The reference engine's path for a variant. */
    public static GreedyPath reference(FeatureInstance inst, GreedyVariant v, int steps) {
        if (v.candidates() == 0) {
            return v.withReplacement() ? GreedyForwardSelection.withReplacement(inst.features(), inst.y(), steps)
                    : GreedyForwardSelection.withoutReplacement(inst.features(), inst.y(), steps);
        }
        SplittableRandom r = new SplittableRandom(v.seed());
        return v.withReplacement() ? GreedyForwardSelection.withReplacement(inst.features(), inst.y(), steps, v.candidates(), r)
                : GreedyForwardSelection.withoutReplacement(inst.features(), inst.y(), steps, v.candidates(), r);
    }

    /**
     * Runs the device and compares. Near-ties are judged only for float32 with every neuron a candidate
     * (the claim's float32 case); any other difference fails.
     */
    public static GreedyAgreement compare(FeatureInstance inst, GreedyVariant v, GreedyDevice device) {
        int steps = CrossCheckInstances.steps(inst, v);
        GreedyPath ref = reference(inst, v, steps);
        GreedyPath dev = DeviceGreedySelection.run(device, inst.y(), steps, v);
        int[] rs = ref.selected();
        int[] ds = dev.selected();
        int d = 0;
        double worstRel = 0;
        for (int k = 0; k < steps; k++) {
            if (rs[k] != ds[k]) {
                d = k + 1;
                break;
            }
            worstRel = Math.max(worstRel, relative(dev.lossAt(k + 1), ref.lossAt(k + 1)));
        }
        if (d == 0) {
            return new GreedyAgreement(0, true, 0, worstRel);
        }
        boolean judged = device.precision() == WorkingPrecision.FLOAT32 && v.candidates() == 0 && v.withReplacement();
        if (!judged) {
            return new GreedyAgreement(d, false, Double.POSITIVE_INFINITY, worstRel);
        }
        double[][] phi = inst.phi();
        int m = inst.points();
        double f = 0;
        for (int i = 0; i < phi.length; i++) {
            f = Math.max(f, FeatureGeometry.neuronLoss(inst.features(), i, new double[m]));
        }
        double u = WorkingPrecision.FLOAT32.unitRoundoff();
        double[] sum = new double[m];
        for (int k = 0; k < d - 1; k++) {
            add(sum, phi[ds[k]]);
        }
        double worst = 0;
        boolean ok = true;
        for (int n = d; n <= steps; n++) {
            double best = Double.POSITIVE_INFINITY;
            double chosen = Double.NaN;
            for (int i = 0; i < phi.length; i++) {
                double l = loss(phi[i], sum, n, inst.y());
                best = Math.min(best, l);
                if (i == ds[n - 1]) {
                    chosen = l;
                }
            }
            double resolution = 4 * u * (Math.sqrt(chosen) + Math.sqrt(best)) * Math.sqrt(f) + 8 * u * u * f;
            double gap = chosen - best;
            ok &= gap <= resolution;
            worst = Math.max(worst, resolution > 0 ? gap / resolution : (gap > 0 ? Double.POSITIVE_INFINITY : 0));
            add(sum, phi[ds[n - 1]]);
        }
        return new GreedyAgreement(d, ok, worst, worstRel);
    }

    private static double loss(double[] row, double[] sum, int n, double[] y) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            double e = (sum[j] + row[j]) / n - y[j];
            s += e * e;
        }
        return s / y.length;
    }

    private static void add(double[] sum, double[] row) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += row[j];
        }
    }

    private static double relative(double a, double b) {
        double e = Math.abs(a - b);
        return b == 0 ? (e == 0 ? 0 : Double.POSITIVE_INFINITY) : e / Math.abs(b);
    }
}
