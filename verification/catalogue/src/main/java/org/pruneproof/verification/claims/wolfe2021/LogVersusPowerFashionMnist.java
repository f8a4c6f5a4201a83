package org.pruneproof.verification.claims.wolfe2021;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.GrowthModels;
import org.pruneproof.verification.experiments.PretrainingThresholds;

/**
 * {@code wolfe2021.log-versus-power-fashion-mnist}: does the pre-training threshold on Fashion-MNIST grow like ln m or
 * like a power of m? The thresholds of every seed (mean-field, exact greedy, {@link PretrainingThresholds}) are fitted
 * by a + b·ln m and by a + b·m^α ({@link GrowthModels}) and compared by AIC.
 */
public final class LogVersusPowerFashionMnist implements Claim<LogVersusPowerFashionMnist.Experiment> {

    /** The AIC difference that counts as a preference. */
    static final double DECISIVE = 2;

    /**
     * The experiment.
     *
     * @param seed   seed
     * @param scale  "reduced" or "full"
     * @param seeds  repetitions
     * @param sizes  m
     */
    public record Experiment(long seed, String scale, int seeds, int[] sizes) {
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.log-versus-power-fashion-mnist")
                .title("On Fashion-MNIST the data prefer logarithmic over power-law growth of the pre-training threshold")
                .statement("\\mathrm{AIC}(a + b\\,m^{\\alpha}) - \\mathrm{AIC}(a + b\\ln m) \\ge 2,\\quad \\alpha \\in ["
                        + GrowthModels.ALPHA_MIN + ", " + GrowthModels.ALPHA_MAX + "]")
                .provenance(Provenance.readInAbstract(Paper.WOLFE2021,
                        "the abstracts: the threshold depends logarithmically on the dataset size. The model comparison, its "
                        + "criterion and the protocol are ours"))
                .reproduces("the abstracts: the pre-training threshold depends logarithmically on the dataset size — tested "
                        + "against a power law a + b·m^α, not only that it grows")
                .expected(Expectation.OPEN)
                .hypotheses("the protocol of wolfe2021.threshold-scalings-fashion-mnist in mean-field scaling with the exact greedy "
                        + "(N = 200, n = 30, τ = 0.16, η₀ = 5, T = 100, checkpoints every 5). Default budget (reduced): m ∈ {125, "
                        + "250, 500, 1000}, 3 seeds. Main job (full, second instance): m ∈ {250, …, 8000}, 5 seeds. A seed in which "
                        + "τ is not reached at some m is left out of the fits (counted)")
                .tolerance("criterion fixed before the first run: least squares on all (m, t_p) points of the seeds; AIC = 2k + "
                        + "n·ln(RSS/n), k = 2 (log) and 3 (power, α on a 0.01 grid over [0.2, 2]); REPRODUCED when AIC(power) − "
                        + "AIC(log) ≥ 2; NOT REPRODUCED when AIC(log) − AIC(power) ≥ 2; otherwise INCONCLUSIVE (counted as "
                        + "discarded), as when fewer than 4 points remain. ratio = 2/max(ΔAIC, 2)")
                .budget(Budget.experiments(1, 60).withScaleLimit(2, Duration.ofMinutes(30)).withSizeLimits(1, 2).withAttemptLimits(3, 6))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> size <= 1 ? new Experiment(r.nextLong(), "reduced", 3, new int[] {125, 250, 500, 1000})
                : new Experiment(r.nextLong(), "full", 5, new int[] {250, 500, 1000, 2000, 4000, 8000});
    }

    @Override
    public Outcome check(Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        SplittableRandom r = new SplittableRandom(e.seed());
        List<double[]> points = new ArrayList<>();
        int missed = 0;
        for (int s = 0; s < e.seeds(); s++) {
            PretrainingThresholds.Result res = PretrainingThresholds.run(data.images(), r,
                    new PretrainingThresholds.Setting(e.sizes(), 200, 30, 0.16, 5.0, 100, 5, 4, Scaling.MEAN_FIELD),
                    List.of(GreedySelection.WITH_REPLACEMENT));
            if (res.problem() != null) {
                return Outcome.fails(Double.POSITIVE_INFINITY, res.problem());
            }
            if (!res.reachedEverywhere(0)) {
                missed++;
                continue;
            }
            for (int i = 0; i < e.sizes().length; i++) {
                points.add(new double[] {e.sizes()[i], res.thresholds()[0][i]});
            }
        }
        if (points.size() < 4) {
            return Outcome.discard("inconclusive (" + e.scale() + "): τ was not reached at every m in " + missed + " of " + e.seeds()
                    + " seeds; fewer than 4 points to fit");
        }
        double[] m = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] t = points.stream().mapToDouble(p -> p[1]).toArray();
        GrowthModels g = GrowthModels.fit(m, t);
        double delta = g.logAdvantage();
        String measurement = String.format(Locale.ROOT, "AIC(power) − AIC(log) = %.2f over %d points (%d seeds; %d left out): "
                        + "log fit t_p = %.1f + %.2f·ln m (R² = %.3f); power fit t_p = %.1f + %.3g·m^%.2f (R² = %.3f)", delta, g.points(),
                e.seeds() - missed, missed, g.logFit().intercept(), g.logFit().slope(), g.logFit().rSquared(), g.powerFit().intercept(),
                g.powerFit().slope(), g.alpha(), g.powerFit().rSquared())
                + (g.alpha() <= GrowthModels.ALPHA_MIN + 1e-9 ? "; α at its lower bound: the best power law is the flattest allowed" : "");
        double[] grid = Arrays.stream(e.sizes()).asDoubleStream().toArray();
        String plot = "threshold t_p against m, log m axis (Fashion-MNIST, " + e.scale() + ")";
        Series[] series = {
            new Series(plot, "t_p of every seed", Series.EXPERIMENTS, "m", "iterations", true, false, m, t),
            new Series(plot, "a + b ln m", "fit", "m", "iterations", true, false, grid, Arrays.stream(grid).map(g::logAt).toArray()),
            new Series(plot, String.format(Locale.ROOT, "a + b m^%.2f", g.alpha()), "fit", "m", "iterations", true, false, grid,
                    Arrays.stream(grid).map(g::powerAt).toArray())};
        Outcome out;
        if (delta >= DECISIVE) {
            out = Outcome.holds(DECISIVE / delta, "reproduced (" + e.scale() + "): " + measurement);
        } else if (-delta >= DECISIVE) {
            out = Outcome.fails(DECISIVE / Math.max(DECISIVE, delta), "not reproduced (" + e.scale() + "): " + measurement);
        } else {
            // undecided: discarded, with its measurement and figure (the report shows them for an inconclusive claim)
            out = Outcome.discard("inconclusive (" + e.scale() + "): " + measurement);
        }
        return out.withDetail("measurement", measurement).withDetail("scale", e.scale()).withDetail("aicLog", g.logAic())
                .withDetail("aicPower", g.powerAic()).withDetail("alpha", g.alpha()).withDetail("logSlope", g.logFit().slope())
                .withDetail("data", data.folder().toString()).withSeries(series);
    }
}
