package org.pruneproof.verification.claims.ye2020;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Estimate;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.AuthorsToyFigure;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.PruneVersusTrain;
import org.pruneproof.verification.experiments.TeacherStudent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ye2020.pruning-beats-training-fashion-mnist}: the authors' toy figure on real inputs. A wide two-layer
 * network trained by gradient descent on a binary Fashion-MNIST task is pruned by greedy selection to n neurons
 * and compared with n-neuron networks trained directly by the same gradient descent ({@link PruneVersusTrain}).
 * One instance is the whole multi-seed experiment, so its verdict carries the uncertainty over seeds.
 */
public final class PruningBeatsTrainingFashionMnist implements Claim<PruningBeatsTrainingFashionMnist.Experiment> {

    private static final Logger LOG = LoggerFactory.getLogger(PruningBeatsTrainingFashionMnist.class);

    /** One-sided confidence of the interval on the mean slope gap. */
    static final double CONFIDENCE = 0.95;

    /**
     * The experiment.
     *
     * @param seed    seed of the subsets and initialisations
     * @param scale   "reduced" (default budget) or "full" (the main job's second instance)
     * @param seeds   independent repetitions (subset, wide network, scratch networks)
     * @param points  m training images
     * @param setting width, step, iterations, sizes, fit window, scratch initialisations
     * @param pool    average-pooling block (4: 28×28 → 7×7 inputs)
     */
    public record Experiment(long seed, String scale, int seeds, int points, PruneVersusTrain.Setting setting, int pool) {
    }

    static final PruneVersusTrain.Setting REDUCED = new PruneVersusTrain.Setting(512, 2.0, 100, new int[] {16, 32, 64, 128, 256}, 32, 1);
    static final PruneVersusTrain.Setting FULL = new PruneVersusTrain.Setting(2048, 2.0, 200,
            new int[] {16, 32, 64, 128, 256, 512}, 32, 1);

    private final GreedySelection selection;

    public PruningBeatsTrainingFashionMnist() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** With another selection (a planted bug in tests). */
    PruningBeatsTrainingFashionMnist(GreedySelection selection) {
        this.selection = selection;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.pruning-beats-training-fashion-mnist")
                .title("On Fashion-MNIST inputs, pruning a wide GD-trained network beats training the small network directly")
                .statement("\\mathbb E[\\hat\\beta_{\\mathrm{scratch}} - \\hat\\beta_{\\mathrm{pruned}}] > 0 \\text{ (log–log slopes of the "
                        + "training loss in } n),\\quad L_{\\mathrm{pruned}}(n_{\\max}) < L_{\\mathrm{scratch}}(n_{\\max})")
                .provenance(Provenance.authors(Paper.YE2020,
                        "the authors' toy figure on real inputs (slopes −1.93 pruned vs −0.84 scratch, pruning lower at every "
                        + "n ≥ 400); the abstract: pruning a sufficiently large pre-trained network provably finds subnetworks with "
                        + "lower loss than networks of the same size trained directly by gradient descent. Setting and criterion ours",
                        AuthorsToyFigure.REPOSITORY, AuthorsToyFigure.FILE))
                .reproduces("the authors' toy figure on real data: the pruned network's loss falls faster in n than that of "
                        + "networks of the same size trained directly by GD (slopes −1.93 vs −0.84), and is lower beyond a crossover")
                .expected(Expectation.OPEN)
                .hypotheses("real data: Fashion-MNIST training set (folder " + FashionMnist.DEFAULT_FOLDER + " or --mnist DIR; "
                        + "without it INCONCLUSIVE). Binary task: classes {0,2,3,4,6} = +1, others −1; 4×4 average pooling (49 "
                        + "inputs), centred, unit norm. MEAN-FIELD two-layer ReLU networks, both layers trained by full-batch GD "
                        + "on the per-sample loss, η₀ = 2; greedy with replacement on the wide network's features; one scratch "
                        + "initialisation per n and seed. Default budget (reduced): m = 256 images, N = 512, T = 100, n = 16 … 256, "
                        + "3 seeds. Main job (full, its second instance): m = 1024, N = 2048, T = 200, n = 16 … 512, 5 seeds")
                .tolerance("criterion fixed before the first run: per seed the slope gap g = β_scratch − β_pruned (least-squares "
                        + "log–log fits over n ≥ 32) and whether pruning is lower at n_max; REPRODUCED when the one-sided 95 % "
                        + "Student-t lower bound of the mean gap is > 0 and pruning is lower at n_max in a majority of seeds; NOT "
                        + "REPRODUCED when the 95 % upper bound is < 0 or pruning is lower at n_max in no seed; otherwise "
                        + "INCONCLUSIVE (the experiment is counted as discarded). ratio = 1/(1 + max(0, lower bound))")
                .budget(Budget.experiments(1, 60).withScaleLimit(2, Duration.ofMinutes(30)).withSizeLimits(1, 2).withAttemptLimits(3, 6))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        // The first instance (size 1) is the reduced experiment; the main job's second one (size 2) is the full-size one.
        return (r, size) -> size <= 1 ? new Experiment(r.nextLong(), "reduced", 3, 256, REDUCED, 4)
                : new Experiment(r.nextLong(), "full", 5, 1024, FULL, 4);
    }

    @Override
    public Outcome check(Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        LabelledImages images = data.images();
        SplittableRandom r = new SplittableRandom(e.seed());
        int[] sizes = e.setting().sizes();
        double[] ns = Arrays.stream(sizes).asDoubleStream().toArray();
        double[] gaps = new double[e.seeds()];
        double[] prunedSlopes = new double[e.seeds()];
        double[] scratchSlopes = new double[e.seeds()];
        int[] crossovers = new int[e.seeds()];
        int winsAtMax = 0;
        List<Series> series = new ArrayList<>();
        String plot = "training loss against n (log–log), Fashion-MNIST, N = " + e.setting().width() + ", " + e.scale();
        for (int s = 0; s < e.seeds(); s++) {
            long start = System.nanoTime();
            PruneVersusTrain.Result res = PruneVersusTrain.run(r, 1, g -> FashionMnist.binaryTask(images, g, e.points(), e.pool()),
                    e.setting(), selection);
            if (res.problem() != null) {
                return Outcome.fails(Double.POSITIVE_INFINITY, "seed " + s + ": " + res.problem());
            }
            LOG.info("ye2020.pruning-beats-training-fashion-mnist ({}): seed {} of {} in {} s, slopes pruned {} scratch {}", e.scale(),
                    s + 1, e.seeds(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                    String.format(Locale.ROOT, "%.3f", res.prunedFit().slope()), String.format(Locale.ROOT, "%.3f", res.scratchFit().slope()));
            gaps[s] = res.slopeGap();
            prunedSlopes[s] = res.prunedFit().slope();
            scratchSlopes[s] = res.scratchFit().slope();
            crossovers[s] = res.crossoverN();
            if (res.pruned()[sizes.length - 1] < res.scratch()[sizes.length - 1]) {
                winsAtMax++;
            }
            series.add(Series.measured(plot, "pruned, seed " + (s + 1), "n", "(1/m)‖f − y‖²", ns, res.pruned()).logLog());
            series.add(Series.measured(plot, "scratch, seed " + (s + 1), "n", "(1/m)‖f − y‖²", ns, res.scratch()).logLog()
                    .withRole("reference"));
        }
        Estimate gap = Estimate.of(gaps);
        double lower = gap.mean() - gap.margin(CONFIDENCE);
        double upper = gap.mean() + gap.margin(CONFIDENCE);
        String measurement = String.format(Locale.ROOT, "slope gap β_scratch − β_pruned = %.3f ± %.3f (mean ± s.e., %d seeds; "
                        + "one-sided 95%% bounds [%.3f, %.3f]); slopes pruned %.3f, scratch %.3f (means); pruning lower at n = %d in %d of %d seeds",
                gap.mean(), gap.standardError(), e.seeds(), lower, upper, Estimate.of(prunedSlopes).mean(),
                Estimate.of(scratchSlopes).mean(), sizes[sizes.length - 1], winsAtMax, e.seeds());
        Outcome out;
        if (lower > 0 && 2 * winsAtMax > e.seeds()) {
            out = Outcome.holds(1 / (1 + lower), "reproduced (" + e.scale() + "): " + measurement);
        } else if (upper < 0 || winsAtMax == 0) {
            out = Outcome.fails(Double.POSITIVE_INFINITY, "not reproduced (" + e.scale() + "): " + measurement);
        } else {
            // undecided: discarded, with its measurement and figure (the report shows them for an inconclusive claim)
            out = Outcome.discard("inconclusive (" + e.scale() + "): " + measurement);
        }
        return out.withDetail("measurement", measurement).withDetail("scale", e.scale()).withDetail("slopeGaps", gaps)
                .withDetail("prunedSlopes", prunedSlopes).withDetail("scratchSlopes", scratchSlopes)
                .withDetail("crossoverN", crossovers).withDetail("data", data.folder().toString())
                .withSeries(series.toArray(Series[]::new)).withSeries(AuthorsToyFigure.load().series());
    }
}
