package org.pruneproof.verification.claims.ye2020;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.reference.greedy.GreedySelection;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.experiments.Steps;
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * {@code ye2020.average-invariant}: after n steps the subnetwork is the count-weighted average of the
 * chosen neurons, f_n = (1/n)·Σ_i c_i φ_i with c_i ≥ 0, Σ c_i = n (mean-field scaling), so the
 * reported loss is L_n = L(f_n) recomputed from the counts alone; variants without replacement
 * never repeat a neuron. Checked for every greedy variant: with and without replacement, scoring all
 * or 5 sampled candidates.
 */
public final class AverageInvariant implements Claim<FeatureInstance> {

    /** A greedy variant under test, and whether it may repeat a neuron. */
    public record Variant(String name, GreedySelection algorithm, boolean repeats) {
    }

    /** The reference variants. */
    public static final List<Variant> REFERENCE_VARIANTS = List.of(
            new Variant("with replacement", GreedySelection.WITH_REPLACEMENT, true),
            new Variant("without replacement", (phi, y, steps) ->
                    GreedyForwardSelection.withoutReplacement(phi, y, Math.min(steps, phi.numRows)), false),
            new Variant("with replacement, 5 sampled candidates", (phi, y, steps) ->
                    GreedyForwardSelection.withReplacement(phi, y, steps, 5, new SplittableRandom(2020)), true),
            new Variant("without replacement, 5 sampled candidates", (phi, y, steps) ->
                    GreedyForwardSelection.withoutReplacement(phi, y, Math.min(steps, phi.numRows), 5,
                            new SplittableRandom(2020)), false));

    private final List<Variant> variants;

    /** The claim on the reference variants. */
    public AverageInvariant() {
        this(REFERENCE_VARIANTS);
    }

    /** The claim on other implementations (a planted bug in tests). */
    public AverageInvariant(List<Variant> variants) {
        this.variants = List.copyOf(variants);
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.average-invariant")
                .title("The greedy subnetwork is the count-weighted average of its neurons")
                .statement("f_n = \\frac1n \\sum_i c_i \\varphi_i,\\ c_i \\in \\mathbb N,\\ \\sum_i c_i = n,"
                        + "\\quad L_n = \\tfrac1m \\|f_n - y\\|^2")
                .provenance(Provenance.derived(Paper.YE2020, "definition of the subnetwork f_S (mean-field average); notes ye2020.md §2.2, bookkeeping"))
                .proof("docs/theory/ye2020.md#average-invariant")
                .expected(Expectation.HOLDS)
                .hypotheses("any Φ and y; variants with and without replacement, all or 5 sampled candidates "
                        + "(seed 2020); without replacement n ≤ N and no neuron twice")
                .tolerance("|L_n − L(f_n)| ≤ 1e-9·L(f_n) + 1e-12·(1 + max_i ‖φ_i‖² + ‖y‖²)")
                .build();
    }

    @Override
    public Gen<FeatureInstance> instances() {
        return GreedyInstances.withArbitraryTarget();
    }

    @Override
    public Outcome check(FeatureInstance inst) {
        DMatrixRMaj phi = inst.features();
        double[] y = inst.y();
        int neurons = phi.numRows;
        int m = phi.numCols;
        double scale = Steps.magnitude(phi, y);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        for (Variant v : variants) {
            GreedyPath path = v.algorithm().select(phi, y, inst.steps());
            int[] sel = path.selected();
            int[] counts = new int[neurons];
            for (int n = 1; n <= path.steps(); n++) {
                int i = sel[n - 1];
                if (i < 0 || i >= neurons) {
                    return Outcome.fails(Double.POSITIVE_INFINITY, v.name() + ": selected index " + i + " outside [0, " + neurons + ")");
                }
                counts[i]++;
                if (!v.repeats() && counts[i] > 1) {
                    return Outcome.fails(Double.POSITIVE_INFINITY, v.name() + ": neuron " + i + " chosen twice by step " + n);
                }
                double[] f = new double[m];
                for (int k = 0; k < neurons; k++) {
                    if (counts[k] > 0) {
                        for (int j = 0; j < m; j++) {
                            f[j] += counts[k] * phi.get(k, j);
                        }
                    }
                }
                for (int j = 0; j < m; j++) {
                    f[j] /= n;
                }
                double expected = FeatureGeometry.meanSquaredError(f, y);
                double allowed = 1e-9 * expected + 1e-12 * scale;
                ineq.atMost("|L_n − L(count average)| (" + v.name() + ")", n, Math.abs(path.lossAt(n) - expected), allowed);
            }
        }
        return ineq.outcome().withDetail("N", neurons).withDetail("m", m).withDetail("steps", inst.steps());
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
