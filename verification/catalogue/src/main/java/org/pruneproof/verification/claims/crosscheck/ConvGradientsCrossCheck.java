package org.pruneproof.verification.claims.crosscheck;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.reference.conv.ConvNetwork;
import org.pruneproof.reference.conv.RoundingScales;
import org.pruneproof.reference.conv.Tensor4;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reference.pruning.KernelRescaling;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.scaled.pruning.InitPruningResult;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.ConvNetInstance;
import org.pruneproof.verification.plantedbugs.ScaledConvGradients;

/**
 * {@code crosscheck.conv-gradients}: the scaled engine's float32 fast path for convolutional networks (the hand-built
 * pass of custom ops {@code NetworkPass}, which SNIP/SBP-SR scoring and training use; the SameDiff graph
 * {@code NetworkGraph} agrees with it on every layer kind, {@code NetworkPassTest}) computes the loss, ∂L/∂input and every ∂L/∂θ of the reference engine
 * ({@code reference.conv.ConvNetwork}, double), and pruning at initialisation of the same networks
 * ({@code InitPruning}, SNIP and SBP-SR) agrees with the reference's scores, selection and rescaling.
 *
 * <p>Tolerance: every value v is compared as {@code |v^s − v^r| ≤ δ·E(v)} with δ = {@value #DELTA} and E(v) the
 * reference's first-order rounding scale ({@link RoundingScales}: the same computation on magnitudes, so that a
 * value that cancels is compared with what cancelled). float32's unit roundoff is 6e-8, so δ allows sums of about a
 * thousand terms per value. An instance where float32 may take the other branch of a ReLU/ReLU6 kink or break a
 * max-pooling tie the other way (margin ≤ δ in units of E) is discarded and counted; exact zeros and exact ties
 * (E = 0) stay and must agree.
 *
 * <p>Pruning (SBP-SR's scores are SNIP's, |W ⊙ ∂L/∂W|): scores within δ·|W|·E(∂L/∂W); the job's kept counts per
 * layer, s_cr and collapsing layer exactly those of the reference rules ({@code GlobalThreshold},
 * {@code CriticalSparsity}) on the scaled scores; the pruned weights exactly δ ⊙ W (ResNets: the Stable variant
 * only masks) or the reference's {@code KernelRescaling} with the scaled mask within 1e-6 relative (float32
 * output); across engines the masks equal except at near-ties of the threshold, and s_cr equal up to the near-ties
 * of each layer's largest score.
 */
public final class ConvGradientsCrossCheck implements Claim<ConvNetInstance> {

    /** Relative tolerance in units of the rounding scale E. */
    public static final double DELTA = 1e-4;
    /** Relative tolerance of rescaled float32 weights. */
    public static final double RESCALED = 1e-6;

    private final ScaledConvGradients scaled;

    /** The claim on the ND4J engine. */
    public ConvGradientsCrossCheck() {
        this(ScaledConvGradients.SCALED);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public ConvGradientsCrossCheck(ScaledConvGradients scaled) {
        this.scaled = scaled;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.conv-gradients")
                .title("The scaled float32 convolutional fast path agrees with the reference convolutional engine")
                .statement("|L^{s} - L^{r}| \\le \\delta E(L),\\ |\\partial_x L^{s} - \\partial_x L^{r}| \\le \\delta E,\\ "
                        + "|\\partial_\\theta L^{s} - \\partial_\\theta L^{r}| \\le \\delta E,\\ \\delta = 10^{-4};\\ "
                        + "g = |W\\odot\\partial_W L|:\\ \\delta^{s} = \\mathrm{top}_K(g^{s}),\\ "
                        + "\\delta^{s}_p \\ne \\delta^{r}_p \\Rightarrow \\text{near-tie}")
                .provenance(Provenance.derived(Paper.PRUNEPROOF,
                        "same networks (torchvision's layer conventions) and pruning at initialisation (Hayou et al. 2021 SBP, SBP-SR) in two engines"))
                .proof("docs/theory/crosscheck.md#conv-gradients")
                .expected(Expectation.HOLDS)
                .hypotheses("generated networks (ConvNetInstance): convolutions with kernels 1–5, stride 1–2, padding, bias, "
                        + "depthwise convolutions, batch norm in training or inference mode, ReLU and ReLU6, max pooling "
                        + "(padded, on the input or after a layer), residual blocks (identity or strided 1×1 shortcut, "
                        + "branch scale 1 or 1/√2, ReLU after the sum or not), global and adaptive average pooling (down "
                        + "and up), flattening, one or two linear layers, softmax cross-entropy; 1–3 input channels, sides "
                        + "3–9, 2–4 classes (ND4J's softmax_cross_entropy_loss_grad fails on one class), batches of 1–4; "
                        + "planted exact zeros (dead filters, zero input channels), quantized weights and inputs (ties), "
                        + "duplicated images and channels; all values float32 numbers; scaled engine in float32. Pruning part "
                        + "in training mode. ∂L/∂input is compared whenever the scaled engine returns it (the hand-built pass always does; "
                        + "SameDiff returns none when the first layer has no parameters; shown per instance). An instance "
                        + "that differs while a ReLU/ReLU6 input or a max-pooling gap lies within 1e-4·E of its kink or tie "
                        + "(float32 may take the other branch) is discarded and counted; groups other than 1 and depthwise "
                        + "are not described by nets.Layer")
                .tolerance("δ·E with δ = 1e-4 (≈ 1700 float32 unit roundoffs), E the first-order rounding scale of each value "
                        + "(RoundingScales: the computation on magnitudes); scores δ·|W|·E(∂L/∂W); selection against the scaled "
                        + "scores exact; rescaled weights 1e-6 relative; masks and s_cr across engines exact except near-ties")
                .budget(new Budget(120, 20, Duration.ofSeconds(20), 0.5))
                .build();
    }

    /** Runs the scaled engine: as many cores as ND4J's threads. */
    @Override
    public int threads() {
        return Engines.scaledThreads();
    }

    @Override
    public Gen<ConvNetInstance> instances() {
        return ConvNetInstance.generator();
    }

    @Override
    public Shrinker<ConvNetInstance> shrinker() {
        return ConvNetInstance.shrinker();
    }

    @Override
    public Outcome check(ConvNetInstance inst) {
        Architecture arch = inst.architecture();
        Map<String, double[]> params = inst.parameters();
        double[] x = inst.images();
        int[] labels = inst.labels();
        int side = arch.inputSize();
        ConvNetwork.Mode refMode = inst.training() ? ConvNetwork.Mode.TRAINING : ConvNetwork.Mode.INFERENCE;
        ConvNetwork net = new ConvNetwork(arch, params, refMode);
        ConvNetwork.Pass pass = net.forward(Tensor4.of(inst.batch(), inst.channels(), side, side, x), labels);
        ConvNetwork.Gradients ref = net.backward(pass);
        RoundingScales.Result e = RoundingScales.of(net, pass);
        NetworkWeights weights = weights(arch, params);
        INDArray images = Nd4j.create(x, new long[] {inst.batch(), inst.channels(), side, side}, DataType.FLOAT);
        NetworkGraph.Mode mode = inst.training() ? NetworkGraph.Mode.TRAINING : NetworkGraph.Mode.INFERENCE;
        // one libnd4j thread: on networks this small, parallel regions cost more than the work (Nd4jDefaults)
        ScaledConvGradients.Evaluation s = Nd4jDefaults.withThreads(1, () -> scaled.evaluate(weights, mode, images, labels));
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        double[] worst = {0};

        // 1. loss and gradients
        compare(ineq, worst, "loss", new double[] {s.loss()}, new double[] {ref.loss()}, new double[] {e.loss()});
        boolean inputCompared = s.input() != null || arch.layers().get(0) instanceof org.pruneproof.nets.Layer.Conv;
        if (inputCompared) {
            compare(ineq, worst, "∂L/∂input", s.input() == null ? new double[0] : values(s.input()), ref.input().toArray(),
                    e.input().toArray());
        }
        for (Map.Entry<String, double[]> g : ref.parameters().entrySet()) {
            INDArray sg = s.parameters().get(g.getKey());
            ineq.atMost("scaled engine returns ∂L/∂" + g.getKey() + ": missing", 0, sg == null ? 1 : 0, 0);
            if (sg != null) {
                compare(ineq, worst, "∂L/∂" + g.getKey(), values(sg), g.getValue(), e.parameters().get(g.getKey()));
            }
        }

        // 2. pruning at initialisation: scores, selection, rescaling
        int nearTies = 0;
        if (inst.training()) {
            int[] n = new int[1];
            Nd4jDefaults.withThreads(1, () -> n[0] = checkPruning(ineq, inst, arch, params, ref, e, images, labels));
            nearTies = n[0];
        }
        boolean nearBranch = e.nearestKink() <= DELTA || e.nearestTie() <= DELTA;
        if (!ineq.allHold() && nearBranch) {
            return Outcome.discard(String.format(Locale.ROOT, "differs where float32 may take the other branch: a ReLU/ReLU6 input "
                    + "within %.3g·E of a kink, a max-pooling gap of %.3g·E (δ = %.0e)", e.nearestKink(), e.nearestTie(), DELTA));
        }
        return ineq.outcome().withDetail("instance", inst.toString())
                .withDetail("layers", arch.layers().size())
                .withDetail("inputGradient", inputCompared ? "compared" : "not compared: the engine returns no ∂L/∂input (SameDiff, when the first layer has no parameters)")
                .withDetail("nearBranchButAgrees", nearBranch)
                .withDetail("worstErrorOverDeltaE", worst[0])
                .withDetail("nearestKinkOverE", e.nearestKink())
                .withDetail("nearestTieOverE", e.nearestTie())
                .withDetail("maskNearTiesAcrossEngines", nearTies);
    }

    private static void compare(Inequalities ineq, double[] worst, String what, double[] scaled, double[] ref, double[] scale) {
        ineq.atMost(what + ": sizes differ", 0, scaled.length == ref.length ? 0 : 1, 0);
        if (scaled.length != ref.length) {
            return;
        }
        for (int k = 0; k < ref.length; k++) {
            double err = Math.abs(scaled[k] - ref[k]);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            double bound = DELTA * scale[k];
            if (bound > 0) {
                worst[0] = Math.max(worst[0], err / bound);
            }
            ineq.atMost(String.format(Locale.ROOT, "%s entry %d (scaled %.9g, reference %.17g, E %.3g)", what, k, scaled[k], ref[k],
                    scale[k]), k, err, bound);
        }
    }

    private int checkPruning(Inequalities ineq, ConvNetInstance inst, Architecture arch, Map<String, double[]> params,
                             ConvNetwork.Gradients ref, RoundingScales.Result e, INDArray images, int[] labels) {
        NetworkWeights weights = weights(arch, params);
        List<ParameterSpec> prunable = weights.prunable();
        int layers = prunable.size();
        double[][] refScores = new double[layers][];
        double[][] tol = new double[layers][];
        for (int l = 0; l < layers; l++) {
            String name = prunable.get(l).name();
            double[] w = params.get(name);
            double[] g = ref.parameters().get(name);
            double[] eg = e.parameters().get(name);
            refScores[l] = new double[w.length];
            tol[l] = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                refScores[l][k] = Math.abs(w[k] * g[k]);
                tol[l][k] = DELTA * Math.abs(w[k]) * eg[k];
            }
        }
        ImageBatch batch = new ImageBatch(images, labels);
        double[][] scores = InitPruning.scores(weights, PruningMethod.SNIP, batch, 0);
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < refScores[l].length; k++) {
                double err = Math.abs(scores[l][k] - refScores[l][k]);
                ineq.atMost(String.format(Locale.ROOT, "SNIP score of %s, weight %d (scaled %.9g, reference %.17g)",
                        prunable.get(l).name(), k, scores[l][k], refScores[l][k]), k, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err,
                        tol[l][k]);
            }
        }
        double sparsity = inst.sparsity();
        InitPruningResult job = InitPruning.prune(weights, PruningMethod.SBP_SR, sparsity, batch, 0);
        boolean[][] keep = GlobalThreshold.keepLargest(scores, sparsity).kept();
        CriticalSparsity cr = CriticalSparsity.of(scores);
        long total = 0;
        for (int l = 0; l < layers; l++) {
            long kept = 0;
            for (boolean b : keep[l]) {
                kept += b ? 1 : 0;
            }
            total += keep[l].length;
            ineq.atMost(String.format(Locale.ROOT, "kept weights of %s: job %d, reference rule on the scaled scores %d: |difference|",
                    prunable.get(l).layer(), job.layers().get(l).keptUnits(), kept), l,
                    Math.abs(job.layers().get(l).keptUnits() - kept), 0);
        }
        ineq.atMost(String.format(Locale.ROOT, "s_cr: job %.17g, reference rule on the scaled scores %.17g: |difference|",
                job.criticalSparsity(), cr.value()), 0, Math.abs(job.criticalSparsity() - cr.value()), 0);
        ineq.atMost(String.format(Locale.ROOT, "collapsing layer: job %d, reference rule %d: differs", job.collapsedIndex(),
                cr.collapsingLayer() + 1), 0, job.collapsedIndex() == cr.collapsingLayer() + 1 ? 0 : 1, 0);
        boolean rescales = PruningMethod.SBP_SR.restoresNorms(arch.isResNet());
        for (int l = 0; l < layers; l++) {
            ParameterSpec p = prunable.get(l);
            long[] shape = p.shape();
            double[] w = params.get(p.name());
            double[] expected;
            if (rescales) {
                expected = KernelRescaling.restoreKernelNorms(w, keep[l], (int) shape[0], (int) shape[1],
                        shape.length == 4 ? (int) shape[2] : 1, shape.length == 4 ? (int) shape[3] : 1, NetworkWeights.SIGMA_W2).weights();
            } else {
                expected = new double[w.length];
                for (int k = 0; k < w.length; k++) {
                    expected[k] = keep[l][k] ? w[k] : 0;
                }
            }
            double[] got = values(weights.get(p.name()));
            for (int k = 0; k < w.length; k++) {
                double err = Math.abs(got[k] - expected[k]);
                ineq.atMost(String.format(Locale.ROOT, "%s weight of %s, entry %d (job %.9g, reference %.17g)",
                        rescales ? "rescaled" : "pruned", p.name(), k, got[k], expected[k]), k,
                        Double.isNaN(err) ? Double.POSITIVE_INFINITY : err, rescales ? RESCALED * Math.abs(expected[k]) : 0);
            }
        }

        // across engines: masks equal except near-ties of the threshold; s_cr up to near-ties of a layer's largest score
        boolean[][] refKeep = GlobalThreshold.keepLargest(refScores, sparsity).kept();
        long k = GlobalThreshold.keptCount(total, sparsity);
        int differ = 0;
        if (k > 0) {
            double threshold = PruningScoresCrossCheck.kthLargest(refScores, k);
            double thresholdTol = 0;
            for (int l = 0; l < layers; l++) {
                for (int p = 0; p < refScores[l].length; p++) {
                    if (refScores[l][p] == threshold) {
                        thresholdTol = Math.max(thresholdTol, tol[l][p]);
                    }
                }
            }
            for (int l = 0; l < layers; l++) {
                for (int p = 0; p < refScores[l].length; p++) {
                    if (keep[l][p] != refKeep[l][p]) {
                        differ++;
                        ineq.atMost(String.format(Locale.ROOT, "mask differs at %s, weight %d (scaled %s): near-tie |g^r − t|, t = %.17g",
                                prunable.get(l).name(), p, keep[l][p] ? "keeps" : "prunes", threshold), p,
                                Math.abs(refScores[l][p] - threshold), tol[l][p] + thresholdTol);
                    }
                }
            }
        }
        CriticalSparsity crRef = CriticalSparsity.of(refScores);
        long[] window = PruningScoresCrossCheck.nearTieWindows(refScores, tol, 1);
        long maxWindow = 0;
        for (long w : window) {
            maxWindow = Math.max(maxWindow, w);
        }
        ineq.atMost(String.format(Locale.ROOT, "s_cr^s = s_cr^r (%.17g vs %.17g): |difference|·M ≤ largest near-tie window",
                cr.value(), crRef.value()), 0, Math.abs(cr.value() - crRef.value()) * total, maxWindow);
        return differ;
    }

    /** The parameters as float32 ND4J arrays (the values are float32 numbers already). */
    static NetworkWeights weights(Architecture arch, Map<String, double[]> params) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec p : arch.parameters()) {
            arrays.put(p.name(), Nd4j.create(params.get(p.name()), p.shape(), DataType.FLOAT));
        }
        return NetworkWeights.of(arch, arrays);
    }

    private static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }
}
