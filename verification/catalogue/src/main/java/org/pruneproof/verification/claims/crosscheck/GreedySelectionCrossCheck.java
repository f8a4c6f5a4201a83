package org.pruneproof.verification.claims.crosscheck;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;
import org.pruneproof.verification.plantedbugs.ScaledGreedy;

/**
 * {@code crosscheck.greedy-selection}: the scaled (ND4J) greedy selection agrees with the reference
 * engine: with replacement in float64 and float32; without replacement and with random candidates
 * (both engines draw them by the same rule, {@code CandidateSampler}) in float64.
 *
 * <p>Scale of a loss error. Storing Φ in a precision with unit roundoff u moves each candidate loss
 * L_i = (1/m)‖g_i − y‖² by at most {@code 2u·√L_i·√F} to first order, where F = max_i ‖φ_i‖²/m
 * (each entry of an average of rounded rows moves by at most u times the average of their
 * magnitudes). The claim therefore allows, at step n,
 * <pre>  |L_n^scaled − L_n^ref| ≤ ρ·L_n^ref + 4u·√(L_n^ref)·√F + 4u²·F</pre>
 * with ρ = 1e-9 in float64 and ρ = 1e-4 in float32 (twice the first-order term, plus its square):
 * relative to the loss itself, with a floor that shrinks with the loss, so tiny losses are still
 * compared meaningfully.
 *
 * <ul>
 *   <li>float64: the selected sequences are identical and every loss is within the bound above.</li>
 *   <li>float32: up to the first step d where the two sequences differ, the losses are within the
 *       bound. At step d the reference's choice and the scaled choice must be a near-tie: with the
 *       common prefix, the exact (double, unrounded) loss of the scaled choice exceeds the
 *       reference's by at most the float32 resolution
 *       {@code 4u·(√L_a + √L_b)·√F + 8u²·F}, the largest amount by which rounding Φ can reorder two
 *       candidates. After d the runs legitimately differ, so each later scaled step is checked
 *       against the exact greedy step from the scaled run's own prefix: its loss within the bound,
 *       and its choice a near-tie with the exact best candidate.</li>
 * </ul>
 */
public final class GreedySelectionCrossCheck implements Claim<FeatureInstance> {

    /** ρ in float64. */
    public static final double RELATIVE_64 = 1e-9;
    /** ρ in float32. */
    public static final double RELATIVE_32 = 1e-4;
    /** Base seed of the random candidates of the variants (plus N). */
    public static final long VARIANT_SEED = 6_000_000L;

    private final ScaledGreedy scaled;

    /** The claim on the ND4J engine. */
    public GreedySelectionCrossCheck() {
        this(ScaledGreedy.SCALED);
    }

    /** The claim on another scaled implementation (a planted bug in tests). */
    public GreedySelectionCrossCheck(ScaledGreedy scaled) {
        this.scaled = scaled;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.greedy-selection")
                .title("Scaled greedy selection agrees with the reference engine")
                .statement("\\text{float64: } i_n^{s} = i_n^{r},\\ |L_n^{s} - L_n^{r}| \\le 10^{-9} L_n^{r} + 4u\\sqrt{L_n^{r} F} + 4u^2F;"
                        + "\\quad \\text{float32: same loss bound with } 10^{-4}\\text{, and } i_n^{s} \\ne i_n^{r} "
                        + "\\Rightarrow L(i_n^{s}) - L(i_n^{r}) \\le 4u(\\sqrt{L(i_n^{s})}+\\sqrt{L(i_n^{r})})\\sqrt{F} + 8u^2F")
                .provenance(Provenance.derived(Paper.PRUNEPROOF,
                        "same algorithm (Ye et al. 2020 greedy forward selection, with replacement); one-GEMV step: candidate i's loss ‖r‖² + 2η·(Φr)_i + η²·‖φ_i‖² with r = (1 − η)·f − y"))
                .proof("docs/theory/crosscheck.md#greedy-selection")
                .expected(Expectation.HOLDS)
                .hypotheses("greedy with replacement (float64 and float32), and in float64 also without replacement and both with"
                        + " ⌈N/3⌉ random candidates (seed 6000000 + N; at most N steps without replacement), on generated two-layer ReLU/tanh features (N ≤ 60, m ≤ 30, up to 300 steps,"
                        + " duplicated, collinear, single-neuron and single-point edge cases; Gaussian, zero or neuron targets)")
                                .tolerance("F = max_i ‖φ_i‖²/m, u = unit roundoff of the precision (2^-53, 2^-24); relative 1e-9 (float64) or"
                        + " 1e-4 (float32) of the reference loss plus the first-order effect of rounding Φ; float32 near-ties as"
                        + " stated, their gap and resolution shown in the details")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return GreedyInstances.withArbitraryTarget();
    }


    /** Runs the scaled engine: as many cores as ND4J's threads. */
    @Override
    public int threads() {
        return Engines.scaledThreads();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        double[][] phi = inst.phi();
        double[] y = inst.y();
        int steps = inst.steps();
        DMatrixRMaj features = inst.features();
        GreedyPath ref = GreedyForwardSelection.withReplacement(features, y, steps);
        double f = 0;
        for (int i = 0; i < phi.length; i++) {
            f = Math.max(f, FeatureGeometry.neuronLoss(features, i, new double[y.length]));
        }
        Inequalities ineq = Inequalities.withTolerance(0, 0);

        GreedyPath s64 = scaled.select(phi, y, steps, ScaledGreedy.Variant.PLAIN, Precision.FLOAT64);
        int firstDiff64 = firstDifference(ref.selected(), s64.selected());
        if (firstDiff64 >= 0) {
            ineq.atMost(String.format(Locale.ROOT, "float64 selects the reference's neuron (scaled %d, reference %d; 1 = differs)",
                    s64.selected()[firstDiff64], ref.selected()[firstDiff64]), firstDiff64 + 1, 1, 0.5);
        }
        for (int n = 1; n <= steps; n++) {
            compareLoss(ineq, "float64 |L^s − L^r|", n, s64.loss()[n - 1], ref.lossAt(n), RELATIVE_64, Precision.FLOAT64, f);
        }

        GreedyPath s32 = scaled.select(phi, y, steps, ScaledGreedy.Variant.PLAIN, Precision.FLOAT32);
        double u = Precision.FLOAT32.unitRoundoff();
        int d = firstDifference(ref.selected(), s32.selected());
        int agreeUntil = d < 0 ? steps : d;
        for (int n = 1; n <= agreeUntil; n++) {
            compareLoss(ineq, "float32 |L^s − L^r|", n, s32.loss()[n - 1], ref.lossAt(n), RELATIVE_32, Precision.FLOAT32, f);
        }
        String variantsChecked = checkVariants(ineq, inst, features, f);
        Outcome.Checked out;
        if (d < 0) {
            out = ineq.outcome().withDetail("float32DivergenceStep", "none: same sequence");
        } else {
            int[] sel = s32.selected();
            double[] sum = prefixSum(phi, sel, d);
            double gapAtDivergence = Double.NaN;
            double resolutionAtDivergence = Double.NaN;
            int laterSteps = 0;
            for (int n = d + 1; n <= steps; n++) {
                double[] exact = candidateLosses(phi, y, sum, n);
                double best = Arrays.stream(exact).min().getAsDouble();
                double chosen = exact[sel[n - 1]];
                double gap = chosen - best;
                double resolution = 4 * u * (Math.sqrt(chosen) + Math.sqrt(best)) * Math.sqrt(f) + 8 * u * u * f;
                ineq.atMost("float32 near-tie: L(i^s) − min_i L(i) ≤ resolution", n, gap, resolution);
                compareLoss(ineq, "float32 |L^s − L(i^s)| after divergence", n, s32.loss()[n - 1], chosen, RELATIVE_32,
                        Precision.FLOAT32, f);
                if (n == d + 1) {
                    gapAtDivergence = gap;
                    resolutionAtDivergence = resolution;
                } else {
                    laterSteps++;
                }
                for (int j = 0; j < y.length; j++) {
                    sum[j] += phi[sel[n - 1]][j];
                }
            }
            out = ineq.outcome().withDetail("float32DivergenceStep", d + 1)
                    .withDetail("float32GapAtDivergence", gapAtDivergence)
                    .withDetail("float32ResolutionAtDivergence", resolutionAtDivergence)
                    .withDetail("float32StepsCheckedAfterDivergence", laterSteps);
        }
        return out.withDetail("variantsInFloat64", variantsChecked).withDetail("N", phi.length).withDetail("m", y.length).withDetail("steps", steps)
                .withDetail("F = max_i ‖φ_i‖²/m", f)
                .withDetail("float64FirstDifferentChoice", firstDiff64 < 0 ? "none" : String.valueOf(firstDiff64 + 1))
                .withDetail("maxRelativeLossError64", maxRelative(s64.loss(), ref.loss(), steps))
                .withDetail("maxRelativeLossError32", maxRelative(s32.loss(), ref.loss(), agreeUntil));
    }

    /**
     * The other variants, in float64 (at most N steps without replacement): without replacement,
     * and both with
     * C = ⌈N/3⌉ random candidates drawn from seed {@link #VARIANT_SEED} + N: same sequence as the
     * reference and losses within the float64 bound.
     */
    private String checkVariants(Inequalities ineq, FeatureInstance inst, DMatrixRMaj features, double f) {
        int n = inst.neurons();
        int c = (n + 2) / 3;
        long seed = VARIANT_SEED + n;
        ScaledGreedy.Variant[] variants = {new ScaledGreedy.Variant(false, 0, 0), new ScaledGreedy.Variant(true, c, seed),
            new ScaledGreedy.Variant(false, c, seed)};
        StringBuilder done = new StringBuilder();
        for (ScaledGreedy.Variant v : variants) {
            int steps = v.withReplacement() ? inst.steps() : Math.min(inst.steps(), n);
            GreedyPath ref;
            if (v.withReplacement()) {
                ref = GreedyForwardSelection.withReplacement(features, inst.y(), steps, c, new SplittableRandom(seed));
            } else if (v.candidates() == 0) {
                ref = GreedyForwardSelection.withoutReplacement(features, inst.y(), steps);
            } else {
                ref = GreedyForwardSelection.withoutReplacement(features, inst.y(), steps, c, new SplittableRandom(seed));
            }
            GreedyPath s = scaled.select(inst.phi(), inst.y(), steps, v, Precision.FLOAT64);
            int diff = firstDifference(ref.selected(), s.selected());
            if (diff >= 0) {
                ineq.atMost(String.format(Locale.ROOT, "float64 %s selects the reference's neuron (scaled %s, reference %d; 1 = differs)",
                        v, diff < s.steps() ? String.valueOf(s.selected()[diff]) : "none", ref.selected()[diff]), diff + 1, 1, 0.5);
                continue;
            }
            for (int k = 1; k <= steps; k++) {
                compareLoss(ineq, "float64 " + v + " |L^s − L^r|", k, s.loss()[k - 1], ref.lossAt(k), RELATIVE_64,
                        Precision.FLOAT64, f);
            }
            done.append(done.length() == 0 ? "" : "; ").append(v);
        }
        return done.toString();
    }

    /** The loss clause: |scaled − expected| ≤ ρ·expected + 4u·√expected·√F + 4u²·F. */
    private static void compareLoss(Inequalities ineq, String name, int n, double scaledLoss, double expected,
                                    double relative, Precision p, double f) {
        double u = p.unitRoundoff();
        double allowed = relative * Math.abs(expected) + 4 * u * Math.sqrt(Math.abs(expected) * f) + 4 * u * u * f;
        double err = Math.abs(scaledLoss - expected);
        if (Double.isNaN(scaledLoss)) {
            err = Double.POSITIVE_INFINITY;
        }
        ineq.atMost(String.format(Locale.ROOT, "%s (scaled %.17g, expected %.17g)", name, scaledLoss, expected), n, err, allowed);
    }

    private static int firstDifference(int[] a, int[] b) {
        int len = Math.min(a.length, b.length);
        for (int k = 0; k < len; k++) {
            if (a[k] != b[k]) {
                return k;
            }
        }
        return a.length == b.length ? -1 : len;
    }

    private static double[] prefixSum(double[][] phi, int[] sel, int count) {
        double[] s = new double[phi[0].length];
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < s.length; j++) {
                s[j] += phi[sel[k]][j];
            }
        }
        return s;
    }

    /** Exact candidate losses of step n, {@code L((s + φ_i)/n)} in double on the unrounded data. */
    private static double[] candidateLosses(double[][] phi, double[] y, double[] sum, int n) {
        double[] out = new double[phi.length];
        double[] g = new double[y.length];
        for (int i = 0; i < phi.length; i++) {
            for (int j = 0; j < y.length; j++) {
                g[j] = (sum[j] + phi[i][j]) / n;
            }
            out[i] = FeatureGeometry.meanSquaredError(g, y);
        }
        return out;
    }

    private static double maxRelative(double[] scaledLoss, double[] refLoss, int upTo) {
        double worst = 0;
        for (int k = 0; k < upTo; k++) {
            double scale = Math.abs(refLoss[k]);
            double e = Math.abs(scaledLoss[k] - refLoss[k]);
            worst = Math.max(worst, scale == 0 ? (e == 0 ? 0 : Double.POSITIVE_INFINITY) : e / scale);
        }
        return worst;
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
