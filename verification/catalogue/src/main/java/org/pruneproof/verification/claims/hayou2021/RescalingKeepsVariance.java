package org.pruneproof.verification.claims.hayou2021;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.GaussianMatrices;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reference.pruning.MagnitudePruningTheory;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Rescaling;
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
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.Experiments;
import org.pruneproof.verification.gen.ExperimentSeed;

/**
 * {@code hayou2021.rescaling-keeps-variance}: after pruning a ReLU net on the EOC with an activation-independent mask
 * (MBP or random), the rescaling trick returns it to the EOC: log(q^{L−1}/q^1) stays O(1), against ≈ (L−2)·log χ̂
 * without rescaling (docs/theory/hayou2021.md; the paper's rescaling proposition, recalled).
 */
public final class RescalingKeepsVariance implements Claim<ExperimentSeed> {


    static final int WIDTH = 256;
    static final int DEPTH = 30;
    static final int BATCH = 16;
    static final double SPARSITY = 0.9;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.rescaling-keeps-variance")
                .title("Rescaling an MBP- or randomly-pruned EOC net keeps log(q^L/q^1) = O(1)")
                .statement("\\big|\\log(q^{L-1}/q^1)\\big| < 2 \\text{ after rescaling, against } \\approx (L-2)\\log\\hat\\chi \\text{ before}")
                .provenance(Provenance.paperRecalled(Paper.HAYOU2021, "rescaling trick restores the EOC (Proposition, recalled); docs/theory/hayou2021.md"))
                .expected(Expectation.HOLDS)
                .hypotheses("ReLU fully connected net on the EOC (σ_b = 0, σ_w = √2), N = d = outputs = 256, 30 layers, s = 0.9, "
                        + "global MBP and random masks; q^l = mean square of the pre-activations of layer l over a batch of 16 N(0, I) inputs")
                .tolerance("after rescaling |log(q^{L−1}/q^1)| < 2; without, log(q^{L−1}/q^1) ≤ ½·(L−2)·log χ̂ (χ̂ = 0.1 random, "
                        + "2(τpdf(τ)+Φ̄(τ)) = 0.439 MBP)")
                .budget(Budget.experiments(2, 60))
                .build();
    }

    @Override
    public Gen<ExperimentSeed> instances() {
        return ExperimentSeed.generator();
    }

    @Override
    public Outcome check(ExperimentSeed inst) {
        SplittableRandom r = new SplittableRandom(inst.seed());
        Network net = Network.initialise(NetworkShape.fullyConnected(WIDTH, WIDTH, DEPTH, WIDTH), Activations.RELU, 0, Math.sqrt(2), r);
        DMatrixRMaj x = GaussianMatrices.of(r, WIDTH, BATCH, 1);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        Mask mbp = GlobalThreshold.keepLargest(Scores.magnitude(net), SPARSITY);
        Mask random = GlobalThreshold.keepLargest(Scores.random(net, r), SPARSITY);
        double[] ls = Experiments.indices(DEPTH);
        String plot = "log(q^l/q^1) against l";
        Series[] series = new Series[4];
        double[] logRatios = new double[4];
        int k = 0;
        for (Mask mask : new Mask[] {mbp, random}) {
            String name = mask == mbp ? "MBP" : "random";
            double chiHat = mask == mbp ? MagnitudePruningTheory.keptSecondMomentFraction(SPARSITY) : 1 - SPARSITY;
            double[] before = logProfile(Experiments.layerVariances(Rescaling.apply(net, mask), x));
            double[] after = logProfile(Experiments.layerVariances(Rescaling.restoreRowNorms(net, mask).network(), x));
            ineq.atMost("|log(q^{L−1}/q^1)| after rescaling, " + name, 0, Math.abs(after[DEPTH - 1]), 2);
            ineq.atMost("½(L−2)|log χ̂| ≤ −log(q^{L−1}/q^1) without rescaling, " + name, 0,
                    (DEPTH - 2) * Math.abs(StrictMath.log(chiHat)) / 2, -before[DEPTH - 1]);
            logRatios[k / 2 * 2] = before[DEPTH - 1];
            logRatios[k / 2 * 2 + 1] = after[DEPTH - 1];
            series[k++] = Series.measured(plot, name + " pruned", "layer l", "log(q^l/q^1)", ls, before);
            series[k++] = Series.measured(plot, name + " pruned + rescaled", "layer l", "log(q^l/q^1)", ls, after);
        }
        return ineq.outcome().withDetail("logRatio_mbp", logRatios[0]).withDetail("logRatio_mbp_rescaled", logRatios[1])
                .withDetail("logRatio_random", logRatios[2]).withDetail("logRatio_random_rescaled", logRatios[3])
                .withSeries(series);
    }

    /** log(q^l/q^1) for every layer l (layer 1 is the first layer acting on φ of a pre-activation). */
    static double[] logProfile(double[] q) {
        double[] out = new double[q.length];
        for (int l = 0; l < q.length; l++) {
            out[l] = StrictMath.log(q[l] / q[1]);
        }
        return out;
    }
}
