package org.pruneproof.verification.claims.wolfe2021;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.pruneproof.reference.twolayer.PruningAlongTraining;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.gen.Networks;

/**
 * {@code wolfe2021.ntk-scaling-threshold} (open): does the pruned loss depend on pre-training when the
 * network is in NTK scaling, the regime the TMLR version names? In the notes' simulation the NTK greedy
 * loss was flat in t (lazy features, {@code wolfe2021.md} §3.4, §9.2.4) while the mean-field one showed a
 * threshold; this claim records both curves from the same initial weights and asks whether NTK
 * pre-training at least halves the pruned loss.
 */
public final class NtkScalingThreshold implements Claim<NtkScalingThreshold.Experiment> {

    /** One run: seed, m (= d, orthonormal inputs), width N, pruned size n, step η, iterations T. */
    public record Experiment(long seed, int points, int width, int pruned, double stepSize, int iterations) {
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("wolfe2021.ntk-scaling-threshold")
                .title("Under NTK scaling, pre-training changes the pruned loss (open)")
                .statement("\\min_{t \\le T} S_n^{\\mathrm{NTK}}(t) \\le \\tfrac12\\, S_n^{\\mathrm{NTK}}(0)")
                .provenance(Provenance.conjecture(Paper.WOLFE2021,
                        "TMLR places the analysis 'in the NTK regime'; notes wolfe2021.md §3.4 and §9.2.4 (laziness)"))
                .expected(Expectation.OPEN)
                .hypotheses("NTK scaling (1/√N, φ_r = √N·b_r·σ(w_rᵀx)), ReLU, output layer fixed ±1; X = I_m with m = 32, "
                        + "y ∈ {±1}^m; N = 2000; full-batch GD on ½‖u − y‖², η = 0.2, T = 160, checkpoints every 20; greedy "
                        + "with replacement, n = 100. The mean-field curve from the same weights (step η·N) is kept for contrast")
                .tolerance("none (a factor-2 criterion); ratio = min_t S_n(t) / (S_n(0)/2)")
                .budget(Budget.experiments(2, 60))
                .build();
    }

    @Override
    public Gen<Experiment> instances() {
        return (r, size) -> new Experiment(r.nextLong(), 32, 2000, 100, 0.2, 160);
    }

    @Override
    public Outcome check(Experiment e) {
        SplittableRandom r = new SplittableRandom(e.seed());
        int m = e.points();
        DMatrixRMaj x = CommonOps_DDRM.identity(m);
        double[] y = Networks.signs(r, m);
        TwoLayerNetwork ntk = Networks.random(r, e.width(), m, Scaling.NTK);
        TwoLayerNetwork meanField = new TwoLayerNetwork(ntk.inputWeights(), ntk.outputWeights(), ntk.activation(),
                Scaling.MEAN_FIELD);
        TrainingConfig cfg = TrainingConfig.fullBatch(e.stepSize(), e.iterations()).withCheckpointsEvery(20);
        PruningAlongTraining.Curve a = PruningAlongTraining.run(ntk, x, y, cfg, e.pruned());
        PruningAlongTraining.Curve b = PruningAlongTraining.run(meanField, x, y, cfg, e.pruned());
        if (a.trajectory().diverged()) {
            return Outcome.discard("NTK pre-training diverged");
        }
        double[] sNtk = a.prunedLosses(e.pruned());
        double[] sMf = b.prunedLosses(e.pruned());
        double min = Arrays.stream(sNtk).min().orElseThrow();
        double ratio = min / (sNtk[0] / 2);
        String msg = String.format(Locale.ROOT, "NTK: S_n(0) = %.4g, min_t S_n(t) = %.4g, S_n(T) = %.4g; mean-field from the "
                + "same weights: S_n(0) = %.4g, S_n(T) = %.4g", sNtk[0], min, sNtk[sNtk.length - 1], sMf[0], sMf[sMf.length - 1]);
        double[] ts = Arrays.stream(a.iterations()).asDoubleStream().toArray();
        double[] tsMf = Arrays.stream(b.iterations()).asDoubleStream().toArray();
        String plot = "pruned S_n(t) against pre-training t, n = " + e.pruned() + ", m = " + m;
        return (ratio <= 1 ? Outcome.holds(ratio, msg) : Outcome.fails(ratio, "NTK pre-training did not halve the pruned loss: " + msg))
                .withDetail("ntkPruned", sNtk).withDetail("meanFieldPruned", sMf)
                .withDetail("ntkDenseFinal", a.denseLoss()[a.size() - 1])
                .withSeries(new Series(plot, "NTK scaling", "measured", "t", "S_n(t)", false, true, ts, sNtk),
                        new Series(plot, "mean-field scaling (contrast)", "reference", "t", "S_n(t)", false, true, tsMf, sMf));
    }
}
