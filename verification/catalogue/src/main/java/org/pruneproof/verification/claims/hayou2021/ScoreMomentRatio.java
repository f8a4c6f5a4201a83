package org.pruneproof.verification.claims.hayou2021;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Estimate;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.Experiments;
import org.pruneproof.verification.gen.ExperimentSeed;

/**
 * {@code hayou2021.score-moment-ratio}: in a fully connected tanh net, the SBP score second moment
 * m_l = E[(W^l_ij·∂L/∂W^l_ij)²] behaves like χ^{L−l}, so log m_l falls with slope −log χ in l (Definition 1 and the
 * mechanism of Theorem 1; docs/theory/hayou2021.md). One experiment = one seed, run for
 * σ_w ∈ {0.9, 1.1, EOC, 1.5}.
 */
public final class ScoreMomentRatio implements Claim<ExperimentSeed> {


    static final int WIDTH = 256;
    static final int DEPTH = 30;
    static final int REPETITIONS = 20;
    static final double SIGMA_B = 0.2;

    /** The nets are initialised at σ_w·(1 + this) while χ is computed at σ_w: 0 except in a planted-bug test. */
    private final double initialisationError;

    public ScoreMomentRatio() {
        this(0);
    }

    ScoreMomentRatio(double initialisationError) {
        this.initialisationError = initialisationError;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.score-moment-ratio")
                .title("log m_l falls with slope −log χ in fully connected nets")
                .statement("m_l \\propto \\chi^{L-l} \\;\\Rightarrow\\; \\frac{d \\log m_l}{dl} = -\\log\\chi")
                .provenance(Provenance.recalled(Paper.HAYOU2021, "Definition 1 / Theorem 1 mechanism (recalled); derived in docs/theory/hayou2021.md"))
                .expected(Expectation.HOLDS)
                .hypotheses("tanh, σ_b = 0.2, σ_w ∈ {0.9, 1.1, EOC (1.30415), 1.5}; N = 256, 30 N×N layers (d = N, N outputs); one input "
                        + "with first-layer pre-activation variance q*; a unit-normal gradient at the output; log m_l averaged over "
                        + REPETITIONS + " repetitions; slope fitted over layers 8..22; χ by quadrature at q*")
                .tolerance("|E[slope] − (−log χ)| ≤ max(0.02, 10%·|log χ|) and |E[log(m_1/m_{L−1})] − (L−2)·log χ| ≤ log 1.5, each "
                        + "tested on the " + REPETITIONS + " repetitions' mean with its standard error: a clause fails only when "
                        + "|mean deviation| exceeds the allowance by more than t·SE (one-sided Student t, confidence 0.999). Over "
                        + REPETITIONS + " repetitions the slope's SE is 0.006–0.01, so t·SE adds 0.02–0.035; finite width "
                        + "biases the slope by about +0.006 (measured over 30 seeds)")
                .budget(Budget.experiments(1, 60))
                .build();
    }

    @Override
    public Gen<ExperimentSeed> instances() {
        return ExperimentSeed.generator();
    }

    @Override
    public Outcome check(ExperimentSeed inst) {
        double eoc = PruningOrders.eoc(Activations.TANH, SIGMA_B).sigmaW();
        double[] sigmaWs = {0.9, 1.1, eoc, 1.5};
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        List<Series> series = new ArrayList<>();
        StringBuilder fits = new StringBuilder();
        SplittableRandom r = new SplittableRandom(inst.seed());
        int first = 8;
        int last = 22;
        for (double sw : sigmaWs) {
            MeanField mf = new MeanField(Activations.TANH, SIGMA_B, sw);
            double q = mf.fixedPointVariance(1, 1e-13);
            double chi = mf.chi(q);
            NetworkShape shape = NetworkShape.fullyConnected(WIDTH, WIDTH, DEPTH, WIDTH);
            double[] ls = Experiments.indices(DEPTH);
            double predicted = -StrictMath.log(chi);
            double[] logM = new double[DEPTH];
            double[] slopeError = new double[REPETITIONS];
            double[] ratioError = new double[REPETITIONS];
            for (int rep = 0; rep < REPETITIONS; rep++) {
                Network net = Network.initialise(shape, Activations.TANH, SIGMA_B, sw * (1 + initialisationError), r);
                DMatrixRMaj x = Experiments.inputWithMeanSquare(r, WIDTH, (q - SIGMA_B * SIGMA_B) / (sw * sw));
                double[] m = Experiments.scoreMoments(net, x, r);
                double[] logMRep = new double[DEPTH];
                for (int l = 0; l < DEPTH; l++) {
                    logMRep[l] = StrictMath.log(m[l]);
                    logM[l] += logMRep[l] / REPETITIONS;
                }
                slopeError[rep] = Experiments.slope(ls, logMRep, first, last) - predicted;
                ratioError[rep] = logMRep[1] - logMRep[DEPTH - 1] - (DEPTH - 2) * StrictMath.log(chi);
            }
            // Least squares is linear: the slope of the averaged log m_l is the mean of the per-repetition slopes.
            double slope = Experiments.slope(ls, logM, first, last);
            Estimate slopeDeviation = Estimate.of(slopeError);
            double allowed = Math.max(0.02, 0.1 * Math.abs(StrictMath.log(chi)));
            String label = String.format(Locale.ROOT, "σ_w=%.4f (χ=%.3f)", sw, chi);
            ineq.deviationAtMost("slope − (−log χ) " + label, 0, slopeDeviation, allowed);
            ineq.deviationAtMost("log(m_1/m_{L−1}) − log χ^{L−2} " + label, 0, Estimate.of(ratioError), StrictMath.log(1.5));
            fits.append(String.format(Locale.ROOT, "%s slope %.4f ± %.4f (SE) vs %.4f; ", label, slope,
                    slopeDeviation.standardError(), predicted));
            series.add(Series.measured("log m_l against l", label, "layer l", "log m_l", ls, logM));
            double[] fit = new double[DEPTH];
            for (int l = 0; l < DEPTH; l++) {
                fit[l] = logM[DEPTH - 1] + predicted * (l - (DEPTH - 1));
            }
            series.add(Series.measured("log m_l against l", label + " predicted slope −log χ", "layer l", "log m_l", ls, fit)
                    .withRole("reference"));
        }
        return ineq.outcome().withDetail("fits", fits.toString().trim()).withSeries(series.toArray(new Series[0]));
    }
}
