package org.pruneproof.verification.claims.ye2020;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.greedy.FeatureGeometry;
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
import org.pruneproof.verification.gen.FeatureInstance;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * {@code ye2020.first-step}: the first greedy step picks the best single neuron, L_1 = min_i L(φ_i);
 * and when the target equals a neuron's output, greedy stays on it, L_n = 0 for every n.
 */
public final class FirstStep implements Claim<FeatureInstance> {

    private final GreedySelection greedy;

    /** The claim on the reference implementation. */
    public FirstStep() {
        this(GreedySelection.WITH_REPLACEMENT);
    }

    /** The claim on another implementation (a planted bug in tests). */
    public FirstStep(GreedySelection greedy) {
        this.greedy = greedy;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.first-step")
                .title("The first greedy step picks the best single neuron")
                .statement("L_1 = \\min_i L(\\varphi_i), \\quad y = \\varphi_k \\Rightarrow L_n = 0 \\;\\forall n")
                .provenance(Provenance.derived(Paper.YE2020, "definition of greedy selection; notes ye2020.md §4, sanity properties"))
                .proof("docs/theory/ye2020.md#first-step")
                .expected(Expectation.HOLDS)
                .hypotheses("any feature matrix Φ (N×m) and target y; the second clause when y equals a row of Φ exactly")
                .tolerance("first clause relative 1e-12; second clause L_n ≤ 1e-24·(1 + ‖y‖²/m)")
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
        GreedyPath path = greedy.select(phi, y, inst.steps());
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < phi.numRows; i++) {
            best = Math.min(best, FeatureGeometry.neuronLoss(phi, i, y));
        }
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        ineq.equal("L_1 = min_i L(φ_i)", 1, path.lossAt(1), best, 1e-12);
        boolean targetIsNeuron = Arrays.stream(inst.phi()).anyMatch(row -> Arrays.equals(row, y));
        if (targetIsNeuron) {
            double floor = 1e-24 * (1 + FeatureGeometry.meanSquaredError(y, new double[y.length]));
            for (int n = 1; n <= path.steps(); n++) {
                ineq.atMost("L_n = 0 when y = φ_k", n, path.lossAt(n), floor);
            }
        }
        return ineq.outcome().withDetail("targetIsNeuron", targetIsNeuron)
                .withDetail("N", phi.numRows).withDetail("m", phi.numCols);
    }

    @Override
    public Shrinker<FeatureInstance> shrinker() {
        return FeatureInstance.shrinker();
    }
}
