package org.pruneproof.verification.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.twolayer.Trajectory;
import org.pruneproof.verification.api.LinearFit;

/**
 * Ye et al.'s toy experiment on any data set: a wide two-layer network trained by gradient descent, pruned by
 * greedy selection to n neurons, against n-neuron networks trained directly by the same gradient descent
 * ({@link TeacherStudent#train}: mean-field scaling, both layers, full batch). Losses of several data sets are
 * averaged geometrically; slopes are least-squares fits of log L against log n for n ≥ {@code fitFrom}:
 * {@code log L_n ≈ c + β log n}.
 */
public final class PruneVersusTrain {

    private PruneVersusTrain() {
    }

    /**
     * The experiment's setting.
     *
     * @param width        N of the wide network that is pruned
     * @param meanLossStep η₀ (per-sample loss)
     * @param iterations   T, for the wide network and every network trained from scratch
     * @param sizes        the sizes n compared, increasing
     * @param fitFrom      smallest n in the slope fits
     * @param scratchRuns  initialisations averaged per size for training from scratch
     */
    public record Setting(int width, double meanLossStep, int iterations, int[] sizes, int fitFrom, int scratchRuns) {
    }

    /**
     * What one experiment measured (per-sample training losses).
     *
     * @param sizes        n
     * @param pruned       loss of the greedy subnetwork of size n
     * @param scratch      loss of an n-neuron network trained directly (mean over its initialisations)
     * @param greedyEvery  the greedy loss at every n = 1 … n_max
     * @param wide         loss of the wide network
     * @param prunedFit    log–log fit of the pruned losses
     * @param scratchFit   log–log fit of the scratch losses
     * @param winsFrom     index of the smallest size from which pruning is lower at every size; sizes.length when never
     * @param problem      why the experiment could not be completed (a divergence), or null
     */
    public record Result(int[] sizes, double[] pruned, double[] scratch, double[] greedyEvery, double wide,
                         LinearFit prunedFit, LinearFit scratchFit, int winsFrom, String problem) {

        /** The slope gap β_scratch − β_pruned (positive when pruning falls faster). */
        public double slopeGap() {
            return scratchFit.slope() - prunedFit.slope();
        }

        /** The crossover n (smallest n from which pruning wins at every size), or −1 when never. */
        public int crossoverN() {
            return winsFrom < sizes.length ? sizes[winsFrom] : -1;
        }

        /** scratch/pruned at the largest n. */
        public double finalGap() {
            return scratch[scratch.length - 1] / pruned[pruned.length - 1];
        }
    }

    /**
     * Runs the experiment on {@code replicates} data sets, each drawn by {@code draw} from {@code r} just before its
     * wide network (so the random stream is the same as drawing and training in turn), pruning with {@code selection}.
     */
    public static Result run(SplittableRandom r, int replicates, Function<SplittableRandom, TeacherStudent> draw, Setting s,
                             GreedySelection selection) {
        int[] sizes = s.sizes();
        int nMax = sizes[sizes.length - 1];
        double[] logPruned = new double[sizes.length];
        double[] logScratch = new double[sizes.length];
        double[] greedyCurve = new double[nMax];
        double logWide = 0;
        int reps = replicates;
        for (int rep = 0; rep < replicates; rep++) {
            TeacherStudent data = draw.apply(r);
            Trajectory<TwoLayerNetwork> wide = data.train(data.student(r, s.width()), s.meanLossStep(), s.iterations());
            if (wide.diverged()) {
                return failed(sizes, "the wide network's training diverged at t = " + wide.divergedAt());
            }
            logWide += StrictMath.log(data.perSample(wide.lossAt(s.iterations()))) / reps;
            DMatrixRMaj phi = wide.finalNetwork().features(data.inputs());
            GreedyPath path = selection.select(phi, data.targets(), nMax);
            for (int n = 1; n <= nMax; n++) {
                greedyCurve[n - 1] += StrictMath.log(path.lossAt(n)) / reps;
            }
            for (int k = 0; k < sizes.length; k++) {
                logPruned[k] += StrictMath.log(path.lossAt(sizes[k])) / reps;
                double sum = 0;
                for (int run = 0; run < s.scratchRuns(); run++) {
                    Trajectory<TwoLayerNetwork> tr = data.train(data.student(r, sizes[k]), s.meanLossStep(), s.iterations());
                    if (tr.diverged()) {
                        return failed(sizes, "training from scratch diverged for n = " + sizes[k]);
                    }
                    sum += data.perSample(tr.lossAt(s.iterations()));
                }
                logScratch[k] += StrictMath.log(sum / s.scratchRuns()) / reps;
            }
        }
        double[] ns = Arrays.stream(sizes).asDoubleStream().toArray();
        double[] pruned = Arrays.stream(logPruned).map(Math::exp).toArray();
        double[] scratch = Arrays.stream(logScratch).map(Math::exp).toArray();
        int from = 0;
        while (from < sizes.length && sizes[from] < s.fitFrom()) {
            from++;
        }
        LinearFit prunedFit = LinearFit.logLog(Arrays.copyOfRange(ns, from, ns.length), Arrays.copyOfRange(pruned, from, ns.length));
        LinearFit scratchFit = LinearFit.logLog(Arrays.copyOfRange(ns, from, ns.length), Arrays.copyOfRange(scratch, from, ns.length));
        int cross = sizes.length;
        while (cross > 0 && pruned[cross - 1] < scratch[cross - 1]) {
            cross--;
        }
        return new Result(sizes, pruned, scratch, Arrays.stream(greedyCurve).map(Math::exp).toArray(), StrictMath.exp(logWide),
                prunedFit, scratchFit, cross, null);
    }

    private static Result failed(int[] sizes, String problem) {
        LinearFit none = new LinearFit(Double.NaN, Double.NaN, Double.NaN);
        return new Result(sizes, new double[0], new double[0], new double[0], Double.NaN, none, none, sizes.length, problem);
    }
}
