package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.GaussianMatrices;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.pruning.Criterion;
import org.pruneproof.reference.pruning.PruningAtInitialisation;
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
 * {@code hayou2021.sbp-rescaling-finite-width} (conjecture, expected falsified at width 256): the rescaling trick also
 * keeps the forward variance for data-dependent SBP masks, |log(q^{L−1}/q^1)| &lt; 2 on fresh inputs. Notes
 * docs/theory/hayou2021.md report q growing by about 2× per layer instead: SBP keeps weights feeding high-variance units, a
 * selection bias that mean field ignores.
 */
public final class SbpRescalingFiniteWidth implements Claim<ExperimentSeed> {


    static final int WIDTH = 256;
    static final int DEPTH = 30;
    static final int BATCH = 16;
    static final int CLASSES = 10;
    static final double SPARSITY = 0.9;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.sbp-rescaling-finite-width")
                .title("Conjecture: SBP-SR's rescaling also keeps the forward variance for SBP masks at width 256")
                .statement("\\big|\\log(q^{L-1}/q^1)\\big| < 2 \\text{ after SBP-SR (SBP mask + rescaling)}")
                .provenance(Provenance.conjecture(Paper.HAYOU2021, "extension of the rescaling proposition to SBP masks; docs/theory/hayou2021.md caveat, §8.1"))
                .expected(Expectation.FALSIFIED)
                .hypotheses("ReLU fully connected net on the EOC (σ_b = 0, σ_w = √2), d = N = 256, 30 layers (last 256 → 10), s = 0.9; "
                        + "SBP scores on a batch of 16 N(0, I) inputs with random labels; q^l measured on 16 fresh inputs")
                .tolerance("|log(q^{L−1}/q^1)| < 2 (as for MBP/random masks in hayou2021.rescaling-keeps-variance)")
                .budget(new Budget(2, 1, Duration.ofSeconds(60), 0.5))
                .build();
    }

    @Override
    public Gen<ExperimentSeed> instances() {
        return ExperimentSeed.generator();
    }

    @Override
    public Outcome check(ExperimentSeed inst) {
        SplittableRandom r = new SplittableRandom(inst.seed());
        Network net = Network.initialise(NetworkShape.fullyConnected(WIDTH, WIDTH, DEPTH, CLASSES), Activations.RELU, 0, Math.sqrt(2), r);
        Experiments.Batch data = Experiments.Batch.gaussian(r, WIDTH, BATCH, CLASSES);
        Network pruned = PruningAtInitialisation.prune(net, Criterion.SENSITIVITY_RESCALED, SPARSITY, data.inputs(), data.labels(), null).network();
        DMatrixRMaj fresh = GaussianMatrices.of(r, WIDTH, BATCH, 1);
        double[] profile = RescalingKeepsVariance.logProfile(Experiments.layerVariances(pruned, fresh));
        double last = profile[DEPTH - 2];
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        ineq.atMost("|log(q^{L−1}/q^1)| after SBP-SR", DEPTH - 2, Math.abs(last), 2);
        return ineq.outcome().withDetail("logRatio", last).withDetail("perLayerGrowth", StrictMath.exp(last / (DEPTH - 3)))
                .withSeries(Series.measured("log(q^l/q^1) after SBP-SR", "SBP + rescaling", "layer l", "log(q^l/q^1)",
                        Experiments.indices(DEPTH), profile));
    }
}
