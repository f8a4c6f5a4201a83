package org.pruneproof.verification.claims.ye2020;

import org.pruneproof.verification.experiments.GreedyResiduals;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;

/**
 * The computable steps of the proofs of the O(1/n) rates (docs/theory/ye2020.md, realizable-rate and general-rate),
 * checked on one greedy path: each is an inequality or identity between numbers recomputed here from Φ, y, α and the
 * path, so a wrong greedy step, a wrong spread or a wrong expansion shows at the step it breaks.
 */
final class RateLemmas {

    /** Relative tolerance of the identities (a sum of a few hundred rounded terms). */
    private static final double IDENTITY_RELATIVE = 1e-9;

    private RateLemmas() {
    }

    /** Step 1: (n+1)²L_{n+1} ≤ Σ_i α_i‖n(f_n − y) + φ_i − y‖² for n = 0 … steps − 1 (a minimum is at most an average). */
    static Outcome.Checked minAtMostAverage(GreedyResiduals res, GreedyPath path, double[] alpha) {
        Inequalities ineq = Inequalities.hard();
        for (int n = 0; n < path.steps(); n++) {
            double n1 = n + 1.0;
            if (res.weightedStepNorm(n, alpha) == 0 && n1 * n1 * path.lossAt(n + 1) <= 1e-12) {
                continue; // both sides vanish (y a neuron with all the weight): within the absolute floor, no ratio
            }
            ineq.atMost("(n+1)²L_{n+1} ≤ Σα_i‖n(f_n − y) + φ_i − y‖²", n, n1 * n1 * path.lossAt(n + 1),
                    res.weightedStepNorm(n, alpha));
        }
        return ineq.outcome();
    }

    /** Step 2: Σ_i α_i‖r_n + φ_i − y‖² = n²L_n + 2⟨r_n, g_α − y⟩ + L(g_α) + V_α (bias–variance), r_n = n(f_n − y). */
    static Outcome.Checked expansion(GreedyResiduals res, GreedyPath path, double[] alpha, double lossG, double spread) {
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        double[] gy = res.combinationMinusTarget(alpha);
        for (int n = 0; n < path.steps(); n++) {
            double nn = n == 0 ? 0 : (double) n * n * path.lossAt(n);
            double cross = 2 * res.inner(res.residual(n), gy);
            double expanded = nn + cross + lossG + spread;
            double average = res.weightedStepNorm(n, alpha);
            double magnitude = nn + Math.abs(cross) + lossG + spread;
            ineq.atMost("|Σα_i‖r_n + φ_i − y‖² − (n²L_n + 2⟨r_n, g − y⟩ + L(g) + V)|", n, Math.abs(average - expanded),
                    IDENTITY_RELATIVE * magnitude + 1e-12);
        }
        return ineq.outcome();
    }

    /** General step 3: 2⟨f_n − y, g_α − y⟩ ≤ e_n + 2L(g_α) = L_n + L(g_α), for n ≥ 1. */
    static Outcome.Checked crossTerm(GreedyResiduals res, GreedyPath path, double[] alpha, double lossG) {
        Inequalities ineq = Inequalities.hard();
        double[] gy = res.combinationMinusTarget(alpha);
        for (int n = 1; n <= path.steps(); n++) {
            ineq.atMost("2⟨f_n − y, g − y⟩ ≤ e_n + 2L(g)", n, 2 * res.inner(res.residual(n), gy) / n, path.lossAt(n) + lossG);
        }
        return ineq.outcome();
    }

    /** The base case: L_1 ≤ L(g_α) + V_α (e_1 ≤ V_α; L_1 ≤ V_α when y = g_α). */
    static Outcome.Checked base(GreedyPath path, double lossG, double spread) {
        Inequalities ineq = Inequalities.hard();
        ineq.atMost("L_1 ≤ L(g_α) + V_α", 1, path.lossAt(1), lossG + spread);
        return ineq.outcome();
    }
}
