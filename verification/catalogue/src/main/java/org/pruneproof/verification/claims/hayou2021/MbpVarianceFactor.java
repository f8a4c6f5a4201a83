package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.pruning.GlobalThreshold;
import org.pruneproof.reference.pruning.MagnitudePruningTheory;
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
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.Experiments;

/**
 * {@code hayou2021.mbp-variance-factor}: MBP at sparsity s keeps the fraction 2(τ·pdf(τ) + Φ̄(τ)) of each layer's
 * second moment, with 2Φ̄(τ) = 1 − s, and a random mask keeps 1 − s (notes hayou2021.md §4.3, derived; so
 * χ̂ = 2(τ·pdf(τ) + Φ̄(τ))·χ).
 */
public final class MbpVarianceFactor implements Claim<MbpVarianceFactor.Instance> {

    /**
     * @param sparsity s
     * @param seed     the network's seed
     */
    public record Instance(double sparsity, long seed) {
    }

    static final int WIDTH = 256;
    static final int DEPTH = 6;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.mbp-variance-factor")
                .title("MBP keeps 2(τφ(τ) + Φ̄(τ)) of the second moment; a random mask keeps 1 − s")
                .statement("\\frac{\\sum W^2\\delta}{\\sum W^2} \\approx 2(\\tau\\,\\mathrm{pdf}(\\tau) + \\bar\\Phi(\\tau)),\\ 2\\bar\\Phi(\\tau) = 1 - s")
                .provenance(Provenance.derived(Paper.HAYOU2021, "MBP pushes the net off the EOC (appendix); derived in notes hayou2021.md §4.3, §4.6(c)"))
                .proof("docs/theory/hayou2021.md#mbp-variance-factor")
                .notComputable(1, "t_s \\to \\tau\\sigma,\\ 2\\bar\\Phi(\\tau) = 1 - s", "a quantile in the limit of many weights")
                .lemma(2, "\\mathbb E[Z^2 \\mathbf 1\\{|Z| > \\tau\\}] = 2\\int_\\tau^\\infty z^2\\,\\mathrm{pdf}(z)\\,dz = 2(\\tau\\,\\mathrm{pdf}(\\tau) + \\bar\\Phi(\\tau))")
                .notComputable(3, "\\mathbb E[\\textstyle\\sum W^2\\delta] / \\mathbb E[\\sum W^2]", "an expectation over the weights and the mask")
                .notComputable(4, "|\\text{kept fraction} - \\text{its expectation}| \\lesssim 5 \\cdot 0.004", "a concentration estimate (a probability)")
                .expected(Expectation.HOLDS)
                .hypotheses("ReLU fully connected net, N = d = outputs = 256 (all layers 256×256), 6 layers, σ_w = √2, σ_b = 0; "
                        + "global MBP and random masks; s uniform in [0.3, 0.98]; one seed per experiment")
                .tolerance("|measured − predicted| ≤ 0.02 in every layer, for both masks")
                .budget(new Budget(4, 4, Duration.ofSeconds(30), 0.5))
                .build();
    }

    @Override
    public Gen<Instance> instances() {
        return (r, size) -> new Instance(0.3 + 0.68 * r.nextDouble(), r.nextLong());
    }

    @Override
    public Outcome checkStep(int step, Instance inst) {
        if (step != 2) {
            throw new IllegalArgumentException("hayou2021.mbp-variance-factor has no lemma step " + step);
        }
        double s = inst.sparsity();
        org.apache.commons.math3.distribution.NormalDistribution z = new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
        double tau = -z.inverseCumulativeProbability((1 - s) / 2);
        double integral = 2 * new org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15)
                .integrate(10_000, u -> u * u * z.density(u), tau, tau + 40);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        ineq.atMost("|2(τ·pdf(τ) + Φ̄(τ)) − 2∫_τ^∞ z² pdf(z) dz|", 0,
                Math.abs(MagnitudePruningTheory.keptSecondMomentFraction(s) - integral), 1e-9);
        return ineq.outcome().withDetail("sparsity", s).withDetail("tau", tau).withDetail("integral", integral);
    }

    @Override
    public Outcome check(Instance inst) {
        SplittableRandom r = new SplittableRandom(inst.seed());
        Network net = Network.initialise(NetworkShape.fullyConnected(WIDTH, WIDTH, DEPTH, WIDTH), Activations.RELU, 0, Math.sqrt(2), r);
        double s = inst.sparsity();
        Mask mbp = GlobalThreshold.keepLargest(Scores.magnitude(net), s);
        Mask random = GlobalThreshold.keepLargest(Scores.random(net, r), s);
        double predicted = MagnitudePruningTheory.keptSecondMomentFraction(s);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        double[] ls = Experiments.indices(DEPTH);
        double[] mbpKept = new double[DEPTH];
        double[] randKept = new double[DEPTH];
        for (int l = 0; l < DEPTH; l++) {
            mbpKept[l] = keptFraction(net.weights()[l], mbp.kept()[l]);
            randKept[l] = keptFraction(net.weights()[l], random.kept()[l]);
            ineq.atMost("|MBP kept second moment − 2(τpdf(τ)+Φ̄(τ))|", l, Math.abs(mbpKept[l] - predicted), 0.02);
            ineq.atMost("|random kept second moment − (1 − s)|", l, Math.abs(randKept[l] - (1 - s)), 0.02);
        }
        double[] pred = new double[DEPTH];
        java.util.Arrays.fill(pred, predicted);
        String plot = "kept second moment per layer";
        return ineq.outcome().withDetail("sparsity", s).withDetail("predictedMbp", predicted)
                .withDetail("measuredMbp", mbpKept).withDetail("measuredRandom", randKept)
                .withSeries(Series.measured(plot, "MBP", "layer l", "Σ W²δ / Σ W²", ls, mbpKept),
                        Series.measured(plot, "MBP prediction", "layer l", "Σ W²δ / Σ W²", ls, pred).withRole("reference"),
                        Series.measured(plot, "random", "layer l", "Σ W²δ / Σ W²", ls, randKept));
    }

    static double keptFraction(DMatrixRMaj w, boolean[] kept) {
        double all = 0;
        double k = 0;
        for (int i = 0; i < kept.length; i++) {
            double v = w.data[i] * w.data[i];
            all += v;
            if (kept[i]) {
                k += v;
            }
        }
        return k / all;
    }
}
