package org.pruneproof.verification.claims.ye2020;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.LinearFit;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.AuthorsToyFigure;
import org.pruneproof.verification.experiments.PruneVersusTrain;
import org.pruneproof.verification.experiments.TeacherStudent;

/**
 * {@code ye2020.pruning-beats-training}: greedy selection from a wide GD-trained network gives n-neuron
 * subnetworks whose loss falls faster in n than that of n-neuron networks trained directly by the same
 * gradient descent, and is lower beyond a crossover n (docs/theory/ye2020.md). The authors' toy figure
 * ({@link AuthorsToyFigure}, digitised): least-squares slopes −1.93 pruned against −0.84 scratch over
 * n = 90…990, pruning first lower at n = 230 and lower at every n ≥ 400, final gap about 4.5×; its series is
 * drawn beside this claim's curves.
 */
public final class PruningBeatsTraining implements Claim<PruningBeatsTraining.Experiment> {

    /**
     * One experiment (one seed for data, teacher and initialisations).
     *
     * @param seed          seed
     * @param points        m
     * @param dimension     d
     * @param teacherWidth  teacher neurons
     * @param amplitude     teacher output weights ±amplitude
     * @param width         N of the wide network that is pruned
     * @param meanLossStep  η₀ (per-sample loss; mean-field step, see {@link TeacherStudent})
     * @param iterations    T, the same for the wide network and for the networks trained from scratch
     * @param sizes         the sizes n compared
     * @param fitFrom       smallest n in the slope fits
     * @param scratchRuns   initialisations averaged per size for training from scratch
     * @param replicates    independent data sets (teacher, inputs, wide network) whose losses are averaged
     *                      geometrically before the fits
     */
    public record Experiment(long seed, int points, int dimension, int teacherWidth, double amplitude, int width,
                             double meanLossStep, int iterations, int[] sizes, int fitFrom, int scratchRuns,
                             int replicates) {
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.pruning-beats-training")
                .title("Pruning a wide trained network beats training the small network directly")
                .statement("\\hat\\beta_{\\mathrm{pruned}} \\le \\hat\\beta_{\\mathrm{scratch}} - 0.5 \\text{ (log–log slopes of the loss in } n)"
                        + "\\ \\text{and}\\ \\exists n_c: L^{\\mathrm{pruned}}_n < L^{\\mathrm{scratch}}_n\\ \\forall n \\ge n_c")
                .provenance(Provenance.authors(Paper.YE2020,
                        "the authors' toy figure (ln L against ln n, n = 90…990; its setup is not known): least-squares slopes −1.93 "
                        + "pruned vs −0.84 scratch, pruning first lower at n = 230 and lower at every n ≥ 400, final gap ≈ 4.5×; "
                        + "the abstract: pruning a large pre-trained network provably beats direct GD training at equal size. "
                        + "The cut 0.5 on the slope difference is ours; docs/theory/ye2020.md",
                        AuthorsToyFigure.REPOSITORY, AuthorsToyFigure.FILE))
                .expected(Expectation.HOLDS)
                .hypotheses("MEAN-FIELD scaling, ReLU, both layers trained; m = 20 points uniform on S^4 (d = 5), teacher of 3 "
                        + "neurons with output weights ±2; wide network N = 2000 and every scratch network trained by full-batch "
                        + "GD on the per-sample loss, η₀ = 2, T = 100 (same schedule); greedy with replacement on the wide "
                        + "network's features; n ∈ {16, 32, …, 1024}; scratch loss averaged over 2 initialisations per n; "
                        + "losses averaged geometrically over 4 independent data sets per experiment")
                .tolerance("slopes fitted on n ∈ [64, 1024] (5 sizes); pruned slope ≤ scratch slope − 0.5; the crossover n_c "
                        + "must leave at least two sizes where pruning wins; 2 experiments of 4 data sets; ratio = 0.5/(scratch slope − pruned slope)")
                .budget(Budget.experiments(2, 90))
                .reproduces("the authors' toy figure: ln L against ln n for n = 90…990, slopes −1.93 (pruned) vs −0.84 "
                        + "(trained from scratch), pruning first lower at n = 230 and at every n ≥ 400, final gap ≈ 4.5×")
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> new Experiment(r.nextLong(), 20, 5, 3, 2.0, 2000, 2.0, 100,
                new int[] {16, 32, 64, 128, 256, 512, 1024}, 64, 2, 4);
    }

    @Override
    public Outcome check(Experiment e) {
        SplittableRandom r = new SplittableRandom(e.seed());
        int[] sizes = e.sizes();
        int nMax = sizes[sizes.length - 1];
        double[] ns = Arrays.stream(sizes).asDoubleStream().toArray();
        PruneVersusTrain.Result res = PruneVersusTrain.run(r, e.replicates(),
                g -> TeacherStudent.draw(g, e.points(), e.dimension(), e.teacherWidth(), e.amplitude()),
                new PruneVersusTrain.Setting(e.width(), e.meanLossStep(), e.iterations(), sizes, e.fitFrom(), e.scratchRuns()),
                GreedySelection.WITH_REPLACEMENT);
        if (res.problem() != null) {
            return Outcome.fails(Double.POSITIVE_INFINITY, res.problem());
        }
        double[] pruned = res.pruned();
        double[] scratch = res.scratch();
        double[] greedyMean = res.greedyEvery();
        LinearFit prunedFit = res.prunedFit();
        LinearFit scratchFit = res.scratchFit();
        int cross = res.winsFrom();
        boolean crossover = cross <= sizes.length - 2;
        double gap = scratchFit.slope() - prunedFit.slope();
        boolean ok = gap >= 0.5 && crossover;
        String msg = String.format(Locale.ROOT, "slopes: pruned %.3f, scratch %.3f (gap %.3f, need ≥ 0.5); pruning wins for "
                        + "n ≥ %s (authors' toy figure: −1.93 vs −0.84, pruning lower at every n ≥ 400)", prunedFit.slope(), scratchFit.slope(),
                gap, cross < sizes.length ? Integer.toString(sizes[cross]) : "no size");
        double[] all = java.util.stream.IntStream.rangeClosed(1, nMax).asDoubleStream().toArray();
        double wideLoss = res.wide();
        String plot = "loss against n (log–log), N = " + e.width();
        return (ok ? Outcome.holds(0.5 / gap, msg) : Outcome.fails(gap > 0 ? 0.5 / gap : Double.POSITIVE_INFINITY, "violated: " + msg))
                .withDetail("prunedSlope", prunedFit.slope()).withDetail("scratchSlope", scratchFit.slope())
                .withDetail("crossoverN", cross < sizes.length ? sizes[cross] : -1)
                .withDetail("prunedLoss", pruned).withDetail("scratchLoss", scratch)
                .withDetail("wideLoss", wideLoss).withDetail("replicates", e.replicates())
                .withSeries(Series.measured(plot, "pruned (greedy from the wide network)", "n", "(1/m)‖f − y‖²", ns, pruned).logLog(),
                        Series.measured(plot, "trained from scratch", "n", "(1/m)‖f − y‖²", ns, scratch).logLog(),
                        Series.measured(plot, "greedy L_n, every n", "n", "(1/m)‖f − y‖²", all, greedyMean).logLog().withRole("reference"))
                .withSeries(AuthorsToyFigure.load().series());
    }
}
