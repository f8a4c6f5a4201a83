package org.pruneproof.verification.claims.wolfe2021;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Estimate;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.LinearFit;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.PretrainingThresholds;

/**
 * {@code wolfe2021.threshold-scalings-fashion-mnist}: the pre-training threshold t_p(m) on Fashion-MNIST in mean-field
 * and in NTK scaling, each with the exact greedy (with replacement, every candidate scored) and with the authors'
 * practical greedy (no repeats, {@value #CANDIDATES} sampled candidates per step), on the same training runs
 * ({@link PretrainingThresholds}).
 */
public final class ThresholdScalingsFashionMnist implements Claim<ThresholdScalingsFashionMnist.Experiment> {

    /** Candidates scored per step by the practical greedy. */
    static final int CANDIDATES = 50;
    static final double CONFIDENCE = 0.95;

    /**
     * The experiment.
     *
     * @param seed   seed
     * @param scale  "reduced" or "full"
     * @param seeds  repetitions (subsets, initialisations, candidate draws)
     * @param sizes  m
     */
    public record Experiment(long seed, String scale, int seeds, int[] sizes) {
    }

    private final GreedySelection exact;

    public ThresholdScalingsFashionMnist() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** With another exact greedy (a planted bug in tests). */
    ThresholdScalingsFashionMnist(GreedySelection exact) {
        this.exact = exact;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.threshold-scalings-fashion-mnist")
                .title("On Fashion-MNIST the pre-training threshold grows with m, in mean-field and NTK scaling, exact and practical greedy")
                .statement("t_p(m) = \\min\\{t : \\tfrac1m\\|f_n(t) - y\\|^2 \\le \\tau\\},\\quad \\mathbb E[b] > 0 \\text{ in } "
                        + "t_p \\approx a + b\\ln m \\text{ (mean-field; exact and practical greedy)}")
                .provenance(Provenance.readInAbstract(Paper.WOLFE2021,
                        "a reconstruction of the abstracts' headline: beyond a threshold number of GD pre-training iterations greedy "
                        + "forward selection finds a subnetwork with good training error, the threshold depending logarithmically "
                        + "on the dataset size; the TMLR abstract places the analysis in the NTK regime. The practical greedy is the "
                        + "authors' implementation for Ye et al. (lushleaf/Network-Pruning-Greedy-Forward-Selection, mobile2_prune.py: "
                        + "no repeats, up to 50 candidates); protocol and criterion ours"))
                .reproduces("the abstracts: the pre-training needed before greedy pruning finds a good subnetwork grows with the "
                        + "dataset size (logarithmically); here in mean-field and NTK scaling, exact and practical greedy")
                .expected(Expectation.OPEN)
                .hypotheses("real data: the binary Fashion-MNIST task of wolfe2021.threshold-fashion-mnist (classes {0,2,3,4,6} = +1; "
                        + "4×4 pooling, centred, unit norm; nested random subsets). Two-layer ReLU MLP, N = 200, output layer fixed "
                        + "±1, full-batch GD on the per-sample loss with η₀ = 5 in both scalings (sum-loss step η₀/m; mean-field "
                        + "times N), T = 100, checkpoints every 5; n = 30, τ = 0.16. Exact greedy: with replacement, all N scored; "
                        + "practical greedy: without replacement, " + CANDIDATES + " candidates drawn per step. Default budget "
                        + "(reduced): m ∈ {125, 250, 500}, 3 seeds. Main job (full, second instance): m ∈ {250, …, 4000}, 5 seeds")
                .tolerance("criterion fixed before the first run: for each scaling and greedy, per seed the slope b of t_p against "
                        + "ln m; the threshold INCREASES when it is reached at every m in every seed and the one-sided 95 % Student-t "
                        + "lower bound of the mean b is > 0. REPRODUCED when it increases in mean-field scaling with both greedy "
                        + "procedures; NOT REPRODUCED when, in mean-field scaling, for either procedure the threshold is not reached "
                        + "at some m in a majority of seeds or the 95 % upper bound of the mean b is < 0; otherwise INCONCLUSIVE "
                        + "(counted as discarded). The NTK results are measured and shown, not judged (ratio = 1/(1 + lower bound))")
                .budget(Budget.experiments(1, 60).withScaleLimit(2, Duration.ofMinutes(30)).withSizeLimits(1, 2).withAttemptLimits(3, 6))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> size <= 1 ? new Experiment(r.nextLong(), "reduced", 3, new int[] {125, 250, 500})
                : new Experiment(r.nextLong(), "full", 5, new int[] {250, 500, 1000, 2000, 4000});
    }

    /** Per variant: whether reached everywhere, the slope estimate, and how many seeds missed τ somewhere. */
    private record Variant(String name, Estimate slope, int missedSeeds, double[] meanThreshold) {
    }

    @Override
    public Outcome check(Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        return measure(e, "Fashion-MNIST", exact, (r, scaling, selections) -> PretrainingThresholds.run(data.images(), r,
                new PretrainingThresholds.Setting(e.sizes(), 200, 30, 0.16, 5.0, 100, 5, 4, scaling), selections), data);
    }

    /** One seed's thresholds for a scaling and the given selections (the binary or the 10-class task). */
    @FunctionalInterface
    interface ThresholdRun {
        PretrainingThresholds.Result run(SplittableRandom r, Scaling scaling, List<GreedySelection> selections);
    }

    /**
     * The measurement and the criterion of the spec's tolerance, shared with the 10-class claim: per scaling and
     * seed one training run seen by the exact and the practical greedy, the slope of t_p against ln m per seed.
     *
     * @param task the data set in the figure's title
     */
    static Outcome measure(Experiment e, String task, GreedySelection exact, ThresholdRun run, FashionMnist.Loaded data) {
        SplittableRandom r = new SplittableRandom(e.seed());
        Scaling[] scalings = {Scaling.MEAN_FIELD, Scaling.NTK};
        String[] greedy = {"exact greedy", "practical greedy"};
        List<Variant> variants = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        double[] lnM = Arrays.stream(e.sizes()).mapToDouble(StrictMath::log).toArray();
        for (Scaling scaling : scalings) {
            double[][] slopes = new double[2][e.seeds()];
            int[] missed = new int[2];
            double[][] mean = new double[2][e.sizes().length];
            for (int s = 0; s < e.seeds(); s++) {
                SplittableRandom candidates = new SplittableRandom(r.nextLong());
                GreedySelection practical = (phi, y, steps) ->
                        GreedyForwardSelection.withoutReplacement(phi, y, steps, CANDIDATES, candidates);
                PretrainingThresholds.Result res = run.run(r, scaling, List.of(exact, practical));
                if (res.problem() != null) {
                    return Outcome.fails(Double.POSITIVE_INFINITY, scaling.label() + ": " + res.problem());
                }
                for (int v = 0; v < 2; v++) {
                    double[] t = Arrays.stream(res.thresholds()[v]).asDoubleStream().toArray();
                    if (!res.reachedEverywhere(v)) {
                        missed[v]++;
                        slopes[v][s] = Double.NaN;
                    } else {
                        slopes[v][s] = LinearFit.of(lnM, t).slope();
                    }
                    for (int i = 0; i < t.length; i++) {
                        mean[v][i] += t[i] / e.seeds();
                    }
                }
            }
            for (int v = 0; v < 2; v++) {
                double[] finite = Arrays.stream(slopes[v]).filter(Double::isFinite).toArray();
                String name = scaling.label() + ", " + greedy[v];
                variants.add(new Variant(name, finite.length >= 2 ? Estimate.of(finite) : null, missed[v], mean[v]));
                if (missed[v] == 0) {
                    series.add(Series.measured("threshold t_p against ln m (" + task + ", " + e.scale() + ")", name + " (mean over seeds)",
                            "ln m", "iterations", lnM, mean[v]));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        boolean allIncrease = true;
        boolean notReproduced = false;
        double worstLower = Double.POSITIVE_INFINITY;
        for (int k = 0; k < variants.size(); k++) {
            Variant v = variants.get(k);
            boolean meanField = k < 2;
            if (v.slope() == null) {
                parts.add(String.format(Locale.ROOT, "%s: τ not reached at some m in %d of %d seeds", v.name(), v.missedSeeds(), e.seeds()));
                if (meanField) {
                    allIncrease = false;
                    notReproduced |= 2 * v.missedSeeds() > e.seeds();
                }
                continue;
            }
            Estimate b = v.slope();
            double lower = b.mean() - b.margin(CONFIDENCE);
            double upper = b.mean() + b.margin(CONFIDENCE);
            parts.add(String.format(Locale.ROOT, "%s: b = %.2f ± %.2f iterations per ln m (mean ± s.e. over %d seeds, 95%% bounds "
                    + "[%.2f, %.2f]); t_p = %s; τ missed in %d seeds", v.name(), b.mean(), b.standardError(), b.count(), lower, upper,
                    Arrays.toString(Arrays.stream(v.meanThreshold()).map(x -> Math.round(x * 10) / 10.0).toArray()), v.missedSeeds()));
            if (meanField) {
                boolean increases = v.missedSeeds() == 0 && lower > 0;
                allIncrease &= increases;
                worstLower = Math.min(worstLower, lower);
                notReproduced |= 2 * v.missedSeeds() > e.seeds() || upper < 0;
            }
        }
        String measurement = String.join("; ", parts);
        Outcome out;
        if (allIncrease) {
            out = Outcome.holds(1 / (1 + worstLower), "reproduced (" + e.scale() + "): " + measurement);
        } else if (notReproduced) {
            out = Outcome.fails(Double.POSITIVE_INFINITY, "not reproduced (" + e.scale() + "): " + measurement);
        } else {
            // undecided: discarded, with its measurement and figure (the report shows them for an inconclusive claim)
            out = Outcome.discard("inconclusive (" + e.scale() + "): " + measurement);
        }
        return out.withDetail("measurement", measurement).withDetail("scale", e.scale()).withDetail("m", e.sizes())
                .withDetail("data", data.folder().toString()).withSeries(series.toArray(Series[]::new));
    }
}
