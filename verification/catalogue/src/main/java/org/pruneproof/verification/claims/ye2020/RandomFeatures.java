package org.pruneproof.verification.claims.ye2020;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.Inradius;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.greedy.GreedyRates;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.LogLogFit;
import org.pruneproof.verification.experiments.RandomFeaturesExperiment;

/**
 * {@code ye2020.random-features} (statistical): greedy selection from a wide random (untrained)
 * network reaches the fast rate when the teacher lies inside the hull of its features, and the
 * fraction of teachers inside with margin r ≥ r₀ rises with the width N (docs/theory/ye2020.md).
 * Per experiment (a batch of teachers, m = 2 points so that the inradius is exact):
 * <ol>
 *   <li>the interior fraction at N = 4, 8, …, maxWidth never decreases and is larger at maxWidth than at 4;</li>
 *   <li>for every teacher interior at maxWidth, the T2 bound n²L_n ≤ (D²/2r)² + D² holds with the
 *       realised r, and the median log–log slope over [fitFrom, steps] is at most −1.8 (teachers whose
 *       loss is exactly 0 over the whole window, fewer than 2 points to fit, are counted apart).</li>
 * </ol>
 */
public final class RandomFeatures implements Claim<RandomFeaturesExperiment> {

    /** The margin r₀ (1/m geometry) above which a teacher counts as interior. */
    static final double MIN_MARGIN = 0.01;

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.random-features")
                .title("Greedy from a wide random network reaches the fast rate once the teacher is inside its hull")
                .statement("\\#\\{t : r_N(t) \\ge r_0\\}/T \\text{ rises with } N;\\quad r_{N}(t) \\ge r_0 \\Rightarrow "
                        + "\\operatorname{median}_t \\widehat{\\mathrm{slope}} \\le -1.8,\\ n^2 L_n \\le (D^2/2r)^2 + D^2")
                .provenance(Provenance.recalled(Paper.YE2020, "the ICML abstract says the results also apply to pruning randomly weighted networks; "
                        + "the formal statement checked here is recalled; docs/theory/ye2020.md"))
                .expected(Expectation.HOLDS)
                .hypotheses("2 experiments of 12 teachers; m = 2 points on S^1 (d = 2); random ReLU networks of width "
                        + "N = 4, 8, …, 256, nested; teacher = 0.5 × a random 3-neuron ReLU network; r₀ = 0.01 (1/m geometry)")
                .tolerance("slope fit over n ∈ [200, 4000], zero losses dropped; T2 bound relative 1e-9")
                .budget(Budget.experiments(2, 120))
                .build();
    }

    @Override
    public Gen<RandomFeaturesExperiment> instances() {
        return (r, size) -> new RandomFeaturesExperiment(r.nextLong(), 12, 2, 256, 0.5, 4000, 200);
    }

    @Override
    public Outcome check(RandomFeaturesExperiment e) {
        SplittableRandom r = new SplittableRandom(e.seed());
        List<Integer> widths = new ArrayList<>();
        for (int w = 4; w <= e.maxWidth(); w *= 2) {
            widths.add(w);
        }
        int[] interiorCount = new int[widths.size()];
        List<Double> slopes = new ArrayList<>();
        double worstBoundRatio = 0;
        String plot = "L_n against n, interior teachers at the largest width";
        List<Series> series = new ArrayList<>();
        int exact = 0;
        for (int t = 0; t < e.teachers(); t++) {
            DMatrixRMaj x = new DMatrixRMaj(e.dimension(), 2);
            for (int j = 0; j < 2; j++) {
                double[] p = Gens.unitSphere(r, e.dimension());
                for (int k = 0; k < e.dimension(); k++) {
                    x.set(k, j, p[k]);
                }
            }
            DMatrixRMaj phi = randomNetwork(r, e.maxWidth(), e.dimension()).features(x);
            double[] y = randomNetwork(r, 3, e.dimension()).output(x);
            for (int j = 0; j < 2; j++) {
                y[j] *= e.teacherScale();
            }
            double rMax = 0;
            for (int k = 0; k < widths.size(); k++) {
                DMatrixRMaj sub = new DMatrixRMaj(widths.get(k), 2);
                System.arraycopy(phi.data, 0, sub.data, 0, sub.data.length);
                rMax = Inradius.of(sub, y);
                if (rMax >= MIN_MARGIN) {
                    interiorCount[k]++;
                }
            }
            if (rMax >= MIN_MARGIN) {
                GreedyPath path = GreedyForwardSelection.withReplacement(phi, y, e.steps());
                double d = FeatureGeometry.maxDistance(phi, y);
                double c = GreedyRates.interiorConstant(d, rMax);
                for (int n = 1; n <= path.steps(); n++) {
                    worstBoundRatio = Math.max(worstBoundRatio, (double) n * n * path.lossAt(n) / c);
                }
                LogLogFit fit = LogLogFit.of(path.loss(), e.fitFrom(), e.steps());
                if (fit.points() < 2) {
                    exact++;
                    continue;
                }
                slopes.add(fit.slope());
                if (series.size() < 6) {
                    series.add(LogLogFit.curve(plot, String.format(Locale.ROOT, "teacher %d (r = %.3f, slope %.2f)", t, rMax, fit.slope()),
                            path.loss(), 100));
                }
            }
        }
        double[] fraction = Arrays.stream(interiorCount).mapToDouble(k -> (double) k / e.teachers()).toArray();
        boolean monotone = true;
        for (int k = 1; k < fraction.length; k++) {
            monotone &= fraction[k] >= fraction[k - 1];
        }
        boolean rises = fraction[fraction.length - 1] > fraction[0];
        double median = slopes.isEmpty() ? Double.NaN : median(slopes);
        boolean fast = slopes.isEmpty() ? exact > 0 : median <= FastRateSlope.THRESHOLD;
        boolean bound = worstBoundRatio <= 1 + 1e-9;
        double ratio = slopes.isEmpty() ? (exact > 0 ? worstBoundRatio : Double.POSITIVE_INFINITY) : Math.max(FastRateSlope.THRESHOLD / median, worstBoundRatio);
        String msg = String.format(Locale.ROOT, "interior fraction %s over N = %s (monotone %b, rises %b); "
                        + "%d interior teachers at N = %d, median slope %.3f (≤ −1.8: %b); worst n²L_n/bound %.3f",
                Arrays.toString(fraction), widths, monotone, rises, slopes.size(), e.maxWidth(), median, fast, worstBoundRatio);
        Outcome.Checked out = monotone && rises && fast && bound ? Outcome.holds(ratio, msg) : Outcome.fails(ratio, msg);
        double[] ws = widths.stream().mapToDouble(Integer::doubleValue).toArray();
        series.add(0, new Series("interior fraction against width N", "fraction with r ≥ 0.01", "measured", "N",
                "fraction", true, false, ws, fraction));
        return out.withDetail("widths", widths).withDetail("interiorFraction", fraction).withDetail("slopes", slopes)
                .withDetail("medianSlope", median)
                .withDetail("teachersWithZeroLossInWindow", exact).withDetail("worstBoundRatio", worstBoundRatio)
                .withSeries(series.toArray(Series[]::new));
    }

    private static TwoLayerNetwork randomNetwork(SplittableRandom r, int width, int d) {
        return new TwoLayerNetwork(new DMatrixRMaj(Gens.gaussianMatrix(r, width, d, 1)), Gens.gaussianVector(r, width),
                Activations.RELU, Scaling.MEAN_FIELD);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
