package org.pruneproof.verification.claims.crosscheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.ForwardPass;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.Propagation;
import org.pruneproof.reference.init.SoftmaxCrossEntropy;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Rescaling;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.GlobalSelection;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.experiments.ScoreErrorScale;
import org.pruneproof.verification.experiments.ToScaled;
import org.pruneproof.verification.gen.PruningScoresInstance;
import org.pruneproof.verification.plantedbugs.ScaledDensePruner;

/**
 * {@code crosscheck.pruning-scores}: fully connected pruning at initialisation in the scaled engine
 * ({@code DensePruning}, ND4J, float64) agrees with the reference engine ({@code reference.pruning}) on generated
 * networks, for random, MBP, SNIP (SBP) and SBP-SR.
 *
 * <ol>
 *   <li><b>Scores.</b> Random and MBP scores are identical. A SNIP score g = |W·∂L/∂W| is compared relative to
 *       itself, with a floor for scores whose sums cancel: {@code |g^s − g^r| ≤ 1e-9·g^r + 1e-12·c}, where c ≥ g is
 *       the magnitude the score is computed from (the same sums in absolute value, {@link ScoreErrorScale}); float64
 *       rounding of those sums is below about 1e-14·c. A near-zero score is therefore compared with the rounding
 *       error its computation can carry, not with 1e-9 of itself; the number of scores where the floor is the
 *       larger term is shown. Exact zeros (dead units, one class) are exact in both engines.</li>
 *   <li><b>Selection, exactly.</b> The scaled mask equals the reference's global threshold applied to the scaled
 *       scores (round((1 − s)·M) kept, ties to the lower position), and the scaled s_cr, collapsing layer and ranks
 *       r_l equal the reference's {@code CriticalSparsity} of the scaled scores. This tests the scaled selection
 *       without any tolerance.</li>
 *   <li><b>Masks and s_cr across engines.</b> The masks are identical, except at near-ties: a weight kept by one
 *       engine only must have a reference score within tolerance of the reference threshold t (the K-th largest
 *       reference score), {@code |g^r(p) − t| ≤ tol(p) + 1e-9·t} — two scores equal in exact arithmetic may differ
 *       in the last bit between engines (the gap and allowance are shown). Likewise each rank r_l may differ only
 *       by the number of reference scores near-tied with layer l's largest score; with no near-ties, s_cr and the
 *       collapsing layer are identical.</li>
 *   <li><b>Weights.</b> Random, MBP, SNIP: δ ⊙ W exactly. SBP-SR: the reference's {@code Rescaling.restoreRowNorms}
 *       with σ_w of the network and the scaled mask, entry by entry within 1e-9 relative (exact zeros where pruned),
 *       and the same dead rows.</li>
 * </ol>
 */
public final class PruningScoresCrossCheck implements Claim<PruningScoresInstance> {

    /** Relative tolerance of SNIP scores and rescaled weights (float64). */
    public static final double RELATIVE = 1e-9;
    /**
     * Floor of a SNIP score's tolerance, as a multiple of its magnitude scale c: float64 rounding of these sums
     * (at most a few hundred terms through six layers) is below about 1e-14·c, so 1e-12·c leaves a margin of 100.
     */
    public static final double FLOOR = 1e-12;

    /**
     * ReLU with φ'(0) = 0, the convention of PyTorch and of the scaled engine ({@code Activations.RELU} takes the
     * right derivative 1): the reference runs with it, so that exact zeros (a unit whose inputs are all 0 and bias 0)
     * are treated alike.
     */
    static final Activation RELU_ZERO_AT_KINK = new Activation() {
        @Override
        public String name() {
            return "relu";
        }

        @Override
        public double value(double z) {
            return Activations.RELU.value(z);
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : 0;
        }

        @Override
        public double[] kinks() {
            return Activations.RELU.kinks();
        }
    };

    private final ScaledDensePruner scaled;

    /** The claim on the ND4J engine. */
    public PruningScoresCrossCheck() {
        this(ScaledDensePruner.SCALED);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public PruningScoresCrossCheck(ScaledDensePruner scaled) {
        this.scaled = scaled;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.pruning-scores")
                .title("Scaled fully connected pruning at initialisation agrees with the reference engine")
                .statement("|g^{s}_p - g^{r}_p| \\le 10^{-9}g^{r}_p + 10^{-12}c_p;\\ \\delta^{s} = \\mathrm{top}_K(g^{s});\\ "
                        + "\\delta^{s}_p \\ne \\delta^{r}_p \\Rightarrow |g^{r}_p - t| \\le \\mathrm{tol}_p + 10^{-9}t;\\ "
                        + "s_{cr}^{s} = s_{cr}^{r},\\ \\ell^{s} = \\ell^{r}\\ (\\text{no near-ties});\\ "
                        + "W^{s}_{\\mathrm{SR}} = \\rho\\odot\\delta\\odot W\\ (10^{-9})")
                .provenance(Provenance.derived(Paper.PRUNEPROOF,
                        "same algorithms (Hayou et al. 2021 SBP/SBP-SR, docs/theory/hayou2021.md) in two engines"))
                .proof("docs/theory/crosscheck.md#pruning-scores")
                .expected(Expectation.HOLDS)
                .hypotheses("fully connected ReLU/tanh nets at initialisation (reference Network.initialise), d, N ≤ 16, depth ≤ 6, "
                        + "1–6 classes (1 class: every SNIP score is 0), batch 1–8, s ∈ [0, 1]; random (seed + 1), MBP, SNIP and "
                        + "SBP-SR (rows restored to σ_w²); planted ties (quantized weights; duplicated inputs and units); "
                        + "15 % edge cases of depth 1, width 1 or one point; scaled engine in float64. ReLU'(0) = 0 in both "
                        + "engines (PyTorch's convention; the reference runs with it). SNIP/SBP-SR instances with a ReLU "
                        + "pre-activation within rounding error of the kink (|z| ≤ 1e-12 of its magnitude, or an exact 0 from "
                        + "cancelling nonzero terms: only with quantized weights) are discarded, since the engines may then "
                        + "take different sides of the kink")
                .tolerance("SNIP scores 1e-9 relative plus a floor 1e-12·c, c ≥ g the same sums in absolute value (ScoreErrorScale; "
                        + "float64 rounding of them is below about 1e-14·c), so near-zero and cancelling scores are compared "
                        + "with the error their computation can carry; the count of such scores is shown; "
                        + "random and MBP scores, masks against top-K of the scaled scores, s_cr and ranks: exact; "
                        + "cross-engine mask, rank and s_cr differences only at near-ties, gap shown; SBP-SR weights 1e-9 relative")
                .budget(new Budget(300, 200, Duration.ofSeconds(25), 0.5))
                .build();
    }

    @Override
    public Gen<PruningScoresInstance> instances() {
        return PruningScoresInstance.generator();
    }


    /** Runs the scaled engine: as many cores as ND4J's threads. */
    @Override
    public int threads() {
        return Engines.scaledThreads();
    }

    @Override
    public Outcome check(PruningScoresInstance inst) {
        PruningMethod method = PruningMethod.parse(inst.method());
        Network drawn = inst.network();
        Network net = drawn.activation().name().equals("relu")
                ? new Network(drawn.shape(), RELU_ZERO_AT_KINK, drawn.sigmaB(), drawn.sigmaW(), drawn.weights(), drawn.biases())
                : drawn;
        DMatrixRMaj x = inst.inputs();
        int[] labels = inst.labels();
        long randomSeed = inst.seed() + 1;
        double sparsity = inst.sparsity();

        ForwardPass pass = method.needsGradients() ? Propagation.forward(net, x) : null;
        if (pass != null && ScoreErrorScale.reluNearKink(net, pass)) {
            return Outcome.discard("a ReLU pre-activation is within rounding error of the kink (planted cancellation)");
        }
        // The reference engine's scores of the same method (no default: a new method must say what it compares).
        double[][] ref = switch (method) {
            case RANDOM -> Scores.random(net, new SplittableRandom(randomSeed));
            case MAGNITUDE -> Scores.magnitude(net);
            case SNIP, SBP_SR -> Scores.sensitivity(net,
                    Propagation.backward(net, pass, SoftmaxCrossEntropy.of(pass.output(), labels).gradient()));
        };
        double[][] scale = pass == null ? null : ScoreErrorScale.of(net, pass, labels);
        double relative = scale == null ? 0 : RELATIVE;
        double[] targets = new double[net.layers()];
        Arrays.fill(targets, net.sigmaW() * net.sigmaW());
        DensePruningResult s = scaled.prune(ToScaled.dense(net, Precision.FLOAT64), method, sparsity, ToScaled.rows(x), labels, randomSeed, targets);
        Inequalities ineq = Inequalities.withTolerance(0, 0);

        // 1. scores
        double[][] tol = new double[ref.length][];
        int onFloor = 0;
        int exactZeros = 0;
        double maxRelError = 0;
        for (int l = 0; l < ref.length; l++) {
            tol[l] = new double[ref[l].length];
            for (int p = 0; p < ref[l].length; p++) {
                double g = ref[l][p];
                double c = scale == null ? 0 : scale[l][p];
                tol[l][p] = relative * g + (scale == null ? 0 : FLOOR * c);
                onFloor += FLOOR * c > relative * g ? 1 : 0;
                double err = Math.abs(s.scores()[l][p] - g);
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                exactZeros += g == 0 && s.scores()[l][p] == 0 ? 1 : 0;
                if (g > 0) {
                    maxRelError = Math.max(maxRelError, err / g);
                }
                ineq.atMost(String.format(Locale.ROOT, "score |g^s − g^r| of layer %d, weight %d (scaled %.17g, reference %.17g)",
                        l + 1, p, s.scores()[l][p], g), p, err, tol[l][p]);
            }
        }

        // 2. the scaled selection is exactly the reference rule on the scaled scores
        GlobalSelection sel = s.selection();
        Mask onScaled = GlobalThreshold.keepLargest(s.scores(), sparsity);
        int selfDiff = differences(sel.keep(), onScaled.kept());
        ineq.atMost("scaled mask = reference top-K (ties to the lower position) of the scaled scores: positions that differ",
                0, selfDiff, 0);
        long total = onScaled.size();
        ineq.atMost(String.format(Locale.ROOT, "kept count = round((1 − s)·M) = %d (scaled %d): |difference|",
                GlobalThreshold.keptCount(total, sparsity), sel.kept()), 0,
                Math.abs(sel.kept() - GlobalThreshold.keptCount(total, sparsity)), 0);
        CriticalSparsity crOnScaled = CriticalSparsity.of(s.scores());
        ineq.atMost(String.format(Locale.ROOT, "scaled s_cr = reference s_cr of the scaled scores (%.17g vs %.17g): |difference|",
                sel.criticalSparsity(), crOnScaled.value()), 0, Math.abs(sel.criticalSparsity() - crOnScaled.value()), 0);
        ineq.atMost(String.format(Locale.ROOT, "scaled collapsing layer = reference's on the scaled scores (%d vs %d): differs",
                sel.collapsedLayer() + 1, crOnScaled.collapsingLayer() + 1), 0,
                sel.collapsedLayer() == crOnScaled.collapsingLayer() ? 0 : 1, 0);

        // 3. across engines, up to near-ties
        Mask refMask = GlobalThreshold.keepLargest(ref, sparsity);
        long keep = GlobalThreshold.keptCount(total, sparsity);
        double threshold = keep == 0 ? Double.NaN : kthLargest(ref, keep);
        int maskDiff = 0;
        double worstGap = 0;
        double worstAllowance = 0;
        for (int l = 0; l < ref.length; l++) {
            for (int p = 0; p < ref[l].length; p++) {
                if (sel.keep()[l][p] != refMask.kept()[l][p]) {
                    maskDiff++;
                    double gap = Math.abs(ref[l][p] - threshold);
                    double allowed = tol[l][p] + relative * threshold;
                    if (maskDiff == 1 || gap / allowed > worstGap / worstAllowance) {
                        worstGap = gap;
                        worstAllowance = allowed;
                    }
                    ineq.atMost(String.format(Locale.ROOT, "mask differs at layer %d, weight %d (scaled %s): near-tie |g^r − t|, t = %.17g",
                            l + 1, p, sel.keep()[l][p] ? "keeps" : "prunes", threshold), p, gap, allowed);
                }
            }
        }
        CriticalSparsity crRef = CriticalSparsity.of(ref);
        long[] window = nearTieWindows(ref, tol, relative);
        long maxWindow = 0;
        for (int l = 0; l < ref.length; l++) {
            maxWindow = Math.max(maxWindow, window[l]);
            ineq.atMost(String.format(Locale.ROOT, "rank r_%d of the layer's last weight: |r^s − r^r| (%d vs %d) ≤ near-ties of its score",
                    l + 1, sel.collapseRanks()[l], crRef.lastRanks()[l]), l, Math.abs(sel.collapseRanks()[l] - crRef.lastRanks()[l]),
                    window[l]);
        }
        ineq.atMost(String.format(Locale.ROOT, "s_cr^s = s_cr^r (%.17g vs %.17g): |difference|·M ≤ largest near-tie window",
                sel.criticalSparsity(), crRef.value()), 0, Math.abs(sel.criticalSparsity() - crRef.value()) * total, maxWindow);
        int a = sel.collapsedLayer();
        int b = crRef.collapsingLayer();
        ineq.atMost(String.format(Locale.ROOT, "collapsing layer %d (scaled) = %d (reference), else their ranks within near-ties",
                a + 1, b + 1), 0, a == b ? 0 : Math.abs(crRef.lastRanks()[a] - crRef.lastRanks()[b]), a == b ? 0 : window[a] + window[b]);

        // 4. weights
        int deadRows = checkWeights(ineq, net, method, sel, s);

        return ineq.outcome().withDetail("instance", inst.toString())
                .withDetail("weights M", total).withDetail("kept", sel.kept())
                .withDetail("maxRelativeScoreError", maxRelError)
                .withDetail("scoresWhereTheFloor1e-12cExceeds1e-9g", onFloor)
                .withDetail("scoresExactlyZeroInBoth", exactZeros)
                .withDetail("maskDifferencesAcrossEngines", maskDiff)
                .withDetail("worstNearTieGap", maskDiff == 0 ? "none" : String.valueOf(worstGap))
                .withDetail("worstNearTieAllowance", maskDiff == 0 ? "none" : String.valueOf(worstAllowance))
                .withDetail("sCrScaled", sel.criticalSparsity()).withDetail("sCrReference", crRef.value())
                .withDetail("collapsedLayerScaled (1-based)", a + 1).withDetail("collapsedLayerReference (1-based)", b + 1)
                .withDetail("deadRows", deadRows);
    }

    /** δ ⊙ W (exact) or, for SBP-SR, the reference rescaling with the scaled mask (1e-9 relative); the dead rows. */
    private static int checkWeights(Inequalities ineq, Network net, PruningMethod method, GlobalSelection sel, DensePruningResult s) {
        Mask scaledMask = new Mask(sel.keep());
        Network expected;
        List<Rescaling.DeadRow> dead = List.of();
        if (method.restoresNorms(false)) {
            Rescaling.Result r = Rescaling.restoreRowNorms(net, scaledMask);
            expected = r.network();
            dead = r.deadRows();
        } else {
            expected = Rescaling.apply(net, scaledMask);
        }
        double rel = method.restoresNorms(false) ? RELATIVE : 0;
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj e = expected.weights()[l];
            for (int k = 0; k < e.numRows * e.numCols; k++) {
                double err = Math.abs(s.weights()[l][k] - e.data[k]);
                ineq.atMost(String.format(Locale.ROOT, "%s weight of layer %d, entry %d (scaled %.17g, reference %.17g)",
                        method.restoresNorms(false) ? "rescaled" : "pruned", l + 1, k, s.weights()[l][k], e.data[k]), k,
                        Double.isNaN(err) ? Double.POSITIVE_INFINITY : err, rel * Math.abs(e.data[k]));
            }
        }
        List<String> scaledDead = new ArrayList<>();
        for (int l = 0; l < s.deadRows().length; l++) {
            for (int row : s.deadRows()[l]) {
                scaledDead.add(l + ":" + row);
            }
        }
        List<String> refDead = dead.stream().map(d -> d.layer() + ":" + d.row()).toList();
        ineq.atMost("dead rows (layer:row) scaled " + scaledDead + " = reference " + refDead + ": differ", 0,
                scaledDead.equals(refDead) ? 0 : 1, 0);
        return refDead.size();
    }

    /**
     * For each layer l, the number of other positions whose reference score is within tolerance of layer l's largest
     * score m_l (|g(p) − m_l| ≤ tol(p) + tol(argmax)): the positions whose order relative to m_l rounding may flip.
     */
    static long[] nearTieWindows(double[][] ref, double[][] tol, double relative) {
        long[] w = new long[ref.length];
        if (relative == 0) {
            return w;
        }
        for (int l = 0; l < ref.length; l++) {
            int top = 0;
            for (int p = 1; p < ref[l].length; p++) {
                if (ref[l][p] > ref[l][top]) {
                    top = p;
                }
            }
            double m = ref[l][top];
            double tm = tol[l][top];
            for (int k = 0; k < ref.length; k++) {
                for (int p = 0; p < ref[k].length; p++) {
                    if ((k != l || p != top) && Math.abs(ref[k][p] - m) <= tol[k][p] + tm) {
                        w[l]++;
                    }
                }
            }
        }
        return w;
    }

    static double kthLargest(double[][] scores, long k) {
        double[] all = Arrays.stream(scores).flatMapToDouble(Arrays::stream).sorted().toArray();
        return all[(int) (all.length - k)];
    }

    private static int differences(boolean[][] a, boolean[][] b) {
        int d = 0;
        for (int l = 0; l < a.length; l++) {
            for (int p = 0; p < a[l].length; p++) {
                d += a[l][p] != b[l][p] ? 1 : 0;
            }
        }
        return d;
    }

    @Override
    public Shrinker<PruningScoresInstance> shrinker() {
        return PruningScoresInstance.shrinker();
    }
}
