package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.reference.init.Gradients;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.init.Propagation;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.CriticalSparsitySweep;
import org.pruneproof.verification.experiments.Experiments;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.plantedbugs.MaskRule;

/**
 * {@code hayou2021.sbp-layer-fractions-fashion-mnist}: the real-data counterpart of the s_cr claims. SBP scores
 * |W ⊙ ∂L/∂W| of the mean cross-entropy on a class-balanced batch of Fashion-MNIST images, one global threshold
 * ({@link MaskRule}), on deep tanh fully connected nets (width 100) in the ordered phase, on the Edge of Chaos and in
 * the chaotic phase; per layer, the fraction of weights kept, and the collapse sparsity: the smallest sparsity of a
 * fixed grid at which some layer keeps no weight.
 */
public final class SbpLayerFractionsFashionMnist implements Claim<SbpLayerFractionsFashionMnist.Experiment> {

    /** Sparsities at which the masks are computed. */
    static final double[] GRID = {0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995};
    /** The sparsity of the per-layer kept-fraction figure and of the "no empty layer on the EOC" clause. */
    static final double SHOWN = 0.9;
    static final double ORDERED = 0.6;
    static final double CHAOTIC = 1.6;

    /**
     * The experiment.
     *
     * @param seed      seed of the batches and initialisations
     * @param scale     "reduced" or "full"
     * @param depths    numbers of weight layers L (the last 100 → 10)
     * @param seeds     initialisations (and batches) per phase and depth
     * @param perClass  images of each class in the batch
     * @param pool      average-pooling block (2: 28×28 → 14×14 = 196 inputs)
     */
    public record Experiment(long seed, String scale, int[] depths, int seeds, int perClass, int pool) {
    }

    private final MaskRule rule;
    private final double eoc;

    public SbpLayerFractionsFashionMnist() {
        this(MaskRule.REFERENCE);
    }

    /** With another mask rule (a planted bug in tests). */
    SbpLayerFractionsFashionMnist(MaskRule rule) {
        this.rule = rule;
        this.eoc = PruningOrders.eoc(Activations.TANH, CriticalSparsitySweep.SIGMA_B).sigmaW();
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.sbp-layer-fractions-fashion-mnist")
                .title("On real images, SBP on the Edge of Chaos keeps every layer to higher sparsity than in the ordered or chaotic phase")
                .statement("\\mathrm{med}\\, s_{\\mathrm{collapse}}(\\chi = 1) > \\max\\big(\\mathrm{med}\\, s_{\\mathrm{collapse}}(\\chi < 1),\\ "
                        + "\\mathrm{med}\\, s_{\\mathrm{collapse}}(\\chi > 1)\\big),\\quad \\min_l \\rho_l(s = 0.9, \\chi = 1) > 0")
                .provenance(Provenance.recalled(Paper.HAYOU2021,
                        "the abstract: pruning at initialisation can prune a whole layer of a deep network; Theorem 1 (recalled): "
                        + "on the Edge of Chaos SBP keeps every layer up to a sparsity close to 1, in the ordered and chaotic phases "
                        + "it collapses a layer much earlier. Real-data counterpart of hayou2021.scr-*; the grid and criterion are ours"))
                .reproduces("the abstract and Theorem 1 (recalled) on real data: gradient-based pruning at initialisation prunes "
                        + "whole layers of deep nets unless they are initialised on the Edge of Chaos")
                .expected(Expectation.OPEN)
                .hypotheses("real data: Fashion-MNIST training set (folder " + FashionMnist.DEFAULT_FOLDER + " or --mnist DIR; "
                        + "without it INCONCLUSIVE). " + "Class-balanced batches (10 images of each class), 2×2 average pooling "
                        + "(196 inputs), centred, ‖x‖²/d = 1. tanh fully connected nets, width 100, σ_b = 0.2, σ_w = 0.6 (ordered), "
                        + "EOC (1.30415), 1.6 (chaotic); SBP scores of the mean cross-entropy; one global threshold; sparsities "
                        + Arrays.toString(GRID) + ". Default budget (reduced): L = 50, 3 seeds per phase. Main job (full, its "
                        + "second instance): L = 50 and 100, 5 seeds per phase")
                .tolerance("criterion fixed before the first run, for every depth: the collapse sparsity s_collapse of one "
                        + "initialisation is the smallest grid sparsity at which some layer keeps no weight (1 when none does); "
                        + "REPRODUCED when the EOC's median s_collapse is above the medians of both other phases and no EOC "
                        + "initialisation loses a layer at s = 0.9; NOT REPRODUCED when the EOC's median s_collapse is at or "
                        + "below the median of the ordered or the chaotic phase at some depth; otherwise INCONCLUSIVE (counted "
                        + "as discarded). ratio = 1 − (EOC median − larger other median)")
                .budget(Budget.experiments(1, 40).withScaleLimit(2, Duration.ofMinutes(10)).withSizeLimits(1, 2).withAttemptLimits(3, 6))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> size <= 1 ? new Experiment(r.nextLong(), "reduced", new int[] {50}, 3, 10, 2)
                : new Experiment(r.nextLong(), "full", new int[] {50, 100}, 5, 10, 2);
    }

    @Override
    public Outcome check(Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        LabelledImages images = data.images();
        SplittableRandom r = new SplittableRandom(e.seed());
        double[] sigmas = {ORDERED, eoc, CHAOTIC};
        String[] names = {"ordered σ_w = 0.6", String.format(Locale.ROOT, "EOC σ_w = %.5f", eoc), "chaotic σ_w = 1.6"};
        List<Series> series = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        double worstMargin = Double.POSITIVE_INFINITY;
        boolean eocLosesLayer = false;
        boolean wrongOrder = false;
        for (int depth : e.depths()) {
            double[] medians = new double[3];
            for (int p = 0; p < 3; p++) {
                double[] collapse = new double[e.seeds()];
                double[] keptAtShown = new double[depth];
                for (int s = 0; s < e.seeds(); s++) {
                    Experiments.Batch batch = FashionMnist.balancedBatch(images, r, e.perClass(), e.pool());
                    Network net = Network.initialise(NetworkShape.fullyConnected(batch.inputs().numRows, CriticalSparsitySweep.WIDTH,
                            depth, 10), Activations.TANH, CriticalSparsitySweep.SIGMA_B, sigmas[p], r);
                    Gradients g = Propagation.crossEntropyGradients(net, batch.inputs(), batch.labels()).gradients();
                    double[][] scores = Scores.sensitivity(net, g);
                    collapse[s] = 1;
                    for (double sp : GRID) {
                        Mask mask = rule.mask(scores, sp);
                        boolean empty = false;
                        for (int l = 0; l < mask.layers(); l++) {
                            empty |= mask.collapsed(l);
                            if (sp == SHOWN) {
                                keptAtShown[l] += (double) mask.keptInLayer(l) / mask.kept()[l].length / e.seeds();
                            }
                        }
                        if (sp == SHOWN && p == 1 && empty) {
                            eocLosesLayer = true;
                        }
                        if (empty && collapse[s] == 1) {
                            collapse[s] = sp;
                        }
                    }
                }
                double[] sorted = collapse.clone();
                Arrays.sort(sorted);
                medians[p] = sorted[e.seeds() / 2];
                parts.add(String.format(Locale.ROOT, "L = %d %s: s_collapse median %s%.3f (range %.3f–%.3f, %d seeds)", depth, names[p],
                        medians[p] == GRID[0] ? "≤ " : "", medians[p], sorted[0], sorted[e.seeds() - 1], e.seeds())
                        + (medians[p] == GRID[0] ? " (already collapsed at the grid's smallest sparsity)" : ""));
                series.add(new Series("kept fraction per layer at s = 0.9, L = " + depth + " (Fashion-MNIST, " + e.scale() + ")",
                        names[p], "measured", "layer l", "kept fraction ρ_l", false, false, Experiments.indices(depth), keptAtShown));
            }
            double margin = medians[1] - Math.max(medians[0], medians[2]);
            worstMargin = Math.min(worstMargin, margin);
            wrongOrder |= margin <= 0;
        }
        String measurement = String.join("; ", parts) + (eocLosesLayer ? "; an EOC initialisation lost a layer at s = 0.9" : "");
        Outcome out;
        if (wrongOrder) {
            out = Outcome.fails(1 - worstMargin, "not reproduced (" + e.scale() + "): " + measurement);
        } else if (!eocLosesLayer) {
            out = Outcome.holds(1 - worstMargin, "reproduced (" + e.scale() + "): " + measurement);
        } else {
            // undecided: discarded, with its measurement and figure (the report shows them for an inconclusive claim)
            out = Outcome.discard("inconclusive (" + e.scale() + "): " + measurement);
        }
        return out.withDetail("measurement", measurement).withDetail("scale", e.scale()).withDetail("sigmaWEoc", eoc)
                .withDetail("data", data.folder().toString()).withSeries(series.toArray(Series[]::new));
    }
}
