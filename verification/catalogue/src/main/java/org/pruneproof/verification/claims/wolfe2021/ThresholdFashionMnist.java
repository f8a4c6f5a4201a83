package org.pruneproof.verification.claims.wolfe2021;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.data.ImageInputs;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.LinearFit;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.TeacherStudent;
import org.pruneproof.verification.gen.Networks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wolfe2021.threshold-fashion-mnist}: the paper's MNIST validation, on Fashion-MNIST: on training
 * subsets of growing size m, a two-layer MLP is pre-trained by gradient descent for t iterations and pruned
 * by greedy forward selection; the number of iterations after which the pruned network reaches a fixed
 * training loss increases with log m (docs/theory/wolfe2021.md, recalled protocol).
 */
public final class ThresholdFashionMnist implements Claim<ThresholdFashionMnist.Experiment> {

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdFashionMnist.class);

    /**
     * One experiment: a seeded nested family of subsets of the training set, one width-N network per size.
     *
     * @param seed            subsets and initialisations
     * @param sizes           subset sizes m, increasing (nested: each is a prefix of the next)
     * @param width           N
     * @param pruned          n, greedy steps
     * @param tolerance       τ on the per-sample training loss (1/m)·‖f_n − y‖²
     * @param meanLossStep    η₀ for the per-sample loss; the sum-loss step is η₀/m (mean-field: times N)
     * @param iterations      T
     * @param checkpointEvery spacing of the pre-training grid t
     * @param pool            average-pooling block (4: 28×28 → 7×7 inputs)
     */
    public record Experiment(long seed, int[] sizes, int width, int pruned, double tolerance, double meanLossStep,
                             int iterations, int checkpointEvery, int pool) {
    }

    static final int[] DEFAULT_SIZES = {250, 500, 1000, 2000, 4000, 8000};
    static final int DEFAULT_EXPERIMENTS = 7;
    static final int[] LARGE_SIZES = {250, 500, 1000, 2000, 4000, 8000, 16000};

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.threshold-fashion-mnist")
                .title("On Fashion-MNIST, the pre-training needed before pruning increases with log m")
                .statement("t_p(m) = \\min\\{t : \\tfrac1m\\|f_n(t) - y\\|^2 \\le \\tau\\}\\ \\text{increases with } \\ln m:"
                        + "\\quad b > 0 \\text{ in } t_p \\approx a + b\\ln m,\\quad t_p(m_{\\max}) > t_p(m_{\\min})")
                .provenance(Provenance.readInAbstract(Paper.WOLFE2021,
                        "a reconstruction of the abstracts' headline on real data: only 'the threshold depends logarithmically on the "
                        + "dataset size' and 'experiments with two-layer MLPs on MNIST' are the paper's; the protocol, τ and the "
                        + "sign test are ours, docs/theory/wolfe2021.md"))
                .expected(Expectation.HOLDS)
                .hypotheses("real data: Fashion-MNIST training set (folder " + FashionMnist.DEFAULT_FOLDER
                        + " or --mnist DIR); without it the claim is INCONCLUSIVE. Binary task: classes {0,2,3,4,6} "
                        + "(upper-body garments and dresses) = +1, others = −1. Inputs: 4×4 average pooling (7×7 = 49), "
                        + "centred by the mean of the largest subset, unit norm. Nested random subsets m ∈ {250, 500, 1000, "
                        + "2000, 4000, 8000} (the main job's budget adds 16000). Two-layer ReLU MLP, MEAN-FIELD scaling, "
                        + "N = 200, output layer fixed ±1, full-batch GD on the per-sample loss with η₀ = 5 (sum-loss step "
                        + "η₀/m, times N), T = 100; greedy with replacement, n = 30, on the grid t = 0, 5, …, 100")
                .tolerance("τ = 0.16 (per-sample squared error; y = ±1, predicting 0 gives 1); every m must reach τ "
                        + "within T. Thresholds are integers on a grid of 5 and noisy (docs/theory/wolfe2021.md: never compare single seeds), "
                        + "so one experiment (seed) passes when its fitted slope is > 0 and t_p(m_max) > t_p(m_min), and the "
                        + "claim is about the median seed: falsified when the sign test rejects a pass rate ≥ 1/2 at level "
                        + "0.01. 7 seeds in the default budget, at most 21 in the main job's; ratio = t_p(m_min)/t_p(m_max)")
                .budget(Budget.experiments(DEFAULT_EXPERIMENTS, 600).withScaleLimit(21, Duration.ofMinutes(20)))
                .acceptance(Acceptance.median())
                .reproduces("the abstracts' headline on real data: the pre-training threshold increases with the dataset size "
                        + "(checked: it increases with ln m for the median seed; which growth law, in wolfe2021.log-versus-power-fashion-mnist)")
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        // The default budget's experiments (sizes 1 … 7) stop at m = 8000; the main job's further ones add 16000.
        return (r, size) -> new Experiment(r.nextLong(), size <= DEFAULT_EXPERIMENTS ? DEFAULT_SIZES : LARGE_SIZES,
                200, 30, 0.16, 5.0, 100, 5, 4);
    }

    @Override
    public Outcome check(Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        LabelledImages images = data.images();
        int[] sizes = e.sizes();
        int largest = sizes[sizes.length - 1];
        if (largest > images.size()) {
            return Outcome.discard("the data in " + data.folder() + " has " + images.size() + " images, fewer than m = " + largest);
        }
        SplittableRandom r = new SplittableRandom(e.seed());
        int[] order = FashionMnist.permutation(r, images.size());
        double[] centre = ImageInputs.columnMean(ImageInputs.pooled(images, Arrays.copyOf(order, largest), e.pool()));
        double[] lnM = new double[sizes.length];
        double[] thresholds = new double[sizes.length];
        double[] finalPruned = new double[sizes.length];
        double[] finalDense = new double[sizes.length];
        List<Series> curves = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int m = sizes[i];
            int[] subset = Arrays.copyOf(order, m);
            TeacherStudent task = FashionMnist.binaryTask(images, subset, centre, e.pool());
            DMatrixRMaj x = task.inputs();
            double[] y = task.targets();
            TwoLayerNetwork net = Networks.random(r, e.width(), x.numRows, Scaling.MEAN_FIELD);
            long start = System.nanoTime();
            PruningAlongTraining.Curve curve = PruningAlongTraining.run(net, x, y,
                    TrainingConfig.fullBatch(e.meanLossStep() / m, e.iterations()).withCheckpointsEvery(e.checkpointEvery()),
                    e.pruned());
            LOG.info("wolfe2021.threshold-fashion-mnist: m = {} trained and pruned in {} s", m,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            if (curve.trajectory().diverged()) {
                return Outcome.fails(Double.POSITIVE_INFINITY, "pre-training diverged at t = "
                        + curve.trajectory().divergedAt() + " for m = " + m);
            }
            double[] ts = Arrays.stream(curve.iterations()).asDoubleStream().toArray();
            double[] loss = new double[curve.size()];
            int tp = -1;
            for (int k = 0; k < curve.size(); k++) {
                loss[k] = curve.paths().get(k).lossAt(e.pruned());
                if (tp < 0 && loss[k] <= e.tolerance()) {
                    tp = curve.iterations()[k];
                }
            }
            curves.add(new Series("pruned training loss against pre-training t (Fashion-MNIST, n = " + e.pruned() + ")",
                    "m = " + m, "measured", "t", "(1/m)‖f_n − y‖²", false, true, ts, loss));
            lnM[i] = StrictMath.log(m);
            thresholds[i] = tp;
            finalPruned[i] = loss[loss.length - 1];
            finalDense[i] = curve.denseLoss()[curve.size() - 1] / m;
            if (tp < 0) {
                return Outcome.fails(Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                        "the pruned loss never reached τ = %.3g within T = %d for m = %d (final %.4g)", e.tolerance(),
                        e.iterations(), m, loss[loss.length - 1])).withSeries(curves.toArray(Series[]::new));
            }
        }
        LinearFit fit = LinearFit.of(lnM, thresholds);
        boolean ok = fit.slope() > 0 && thresholds[thresholds.length - 1] > thresholds[0];
        String msg = String.format(Locale.ROOT, "t_p = %s for m = %s: slope %.3g per ln m, R² = %.3f",
                Arrays.toString(thresholds), Arrays.toString(sizes), fit.slope(), fit.rSquared());
        double ratio = thresholds[0] / thresholds[thresholds.length - 1];
        double[] fitted = Arrays.stream(lnM).map(fit::at).toArray();
        String plot = "threshold t_p against ln m (Fashion-MNIST)";
        return (ok ? Outcome.holds(ratio, msg) : Outcome.fails(ratio, "violated: " + msg))
                .withDetail("data", data.folder().toString()).withDetail("m", sizes).withDetail("thresholds", thresholds)
                .withDetail("slope", fit.slope()).withDetail("intercept", fit.intercept()).withDetail("rSquared", fit.rSquared())
                .withDetail("finalPrunedLoss", finalPruned).withDetail("finalDenseLoss", finalDense)
                .withSeries(curves.toArray(Series[]::new))
                .withSeries(Series.measured(plot, "t_p(m)", "ln m", "iterations", lnM, thresholds),
                        Series.measured(plot, "fit a + b ln m", "ln m", "iterations", lnM, fitted).withRole("fit"));
    }
}
