package org.pruneproof.verification.claims.hayou2021;

import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.CriticalSparsitySweep;
import org.pruneproof.verification.experiments.Initialisation;

/**
 * {@code hayou2021.scr-chaotic-phase}: in the chaotic phase (χ &gt; 1) gradients explode backward, so SBP scores are
 * smallest in the last layers and one of the last layers collapses first (docs/theory/hayou2021.md).
 *
 * <p>The collapsing layer is random; medians are compared. One experiment is one initialisation at one depth
 * (the depths in turn) and passes when its collapsing layer is among the last {@value #LAST} layers; the claim, "the
 * median initialisation collapses one of the last {@value #LAST} layers at every L", is the sign test
 * {@link Acceptance#median()} (sound for a mix of depths: if every depth's median passes, at least half pass).
 */
public final class ScrChaoticPhase implements Claim<Initialisation> {

    static final double SIGMA_W = 1.6;
    static final int LAST = 8;

    /** σ_w of the initialisation: {@link #SIGMA_W} except in a planted-bug test. */
    private final double sigmaW;

    public ScrChaoticPhase() {
        this(SIGMA_W);
    }

    ScrChaoticPhase(double sigmaW) {
        this.sigmaW = sigmaW;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.scr-chaotic-phase")
                .title("Chaotic phase: SBP collapses one of the last layers first")
                .statement("\\chi > 1:\\; \\mathrm{median}\\,\\arg\\min_l r_l \\ge L - 8")
                .provenance(Provenance.calibrated(Paper.HAYOU2021, "Theorem 1 discussion (recalled: chaotic nets are ill-conditioned); docs/theory/hayou2021.md",
                        "the window [L−8, L−1] is ours: widened from a first guess [L−4, L−1] after measuring collapsing layers "
                        + "14–18 of 20, 42–46 of 50 and 92–98 of 100 for most seeds"))
                .expected(Expectation.HOLDS)
                .hypotheses(CriticalSparsitySweep.SETTING + "; σ_w = 1.6 (χ ≈ 1.15, chaotic); " + Initialisation.ONE_EXPERIMENT)
                .tolerance("an experiment passes when its collapsing layer is in {L−8, …, L−1} (ratio (L − 1 − layer)/7); the claim "
                        + "is about the median initialisation: falsified when the sign test rejects a pass rate ≥ 1/2 at level 0.01 "
                        + "(calibration: layers 14–18 of 20, 42–46 of 50, 92–98 of 100 for most seeds; the first guess [L−4, L−1] is too "
                        + "narrow for this setting, and single seeds reach the middle of the net, e.g. layer 10 of 20)")
                .budget(Budget.experiments(21, 60))
                .acceptance(Acceptance.median())
                .build();
    }

    @Override
    public Gen<Initialisation> instances() {
        return Initialisation.depthsInTurn();
    }

    @Override
    public Outcome check(Initialisation e) {
        CriticalSparsity c = e.criticalSparsity(sigmaW);
        Inequalities ineq = Inequalities.withTolerance(0, 0);
        int depth = e.depth();
        ineq.atMost("layers between the collapsing layer and the last", depth, depth - 1 - c.collapsingLayer(), LAST - 1);
        return ineq.outcome().withDetail("chi", CriticalSparsitySweep.chi(sigmaW)).withDetail("depth", depth)
                .withDetail("s_cr", c.value()).withDetail("collapsingLayer", c.collapsingLayer())
                .withSeries(e.scatter(String.format(java.util.Locale.ROOT, "chaotic σ_w = %.4g", sigmaW), c))
                .withSeries(Series.measured("collapsing layer against depth L", "L − 8", "depth L", "collapsing layer",
                        new double[] {20, 100}, new double[] {20 - LAST, 100 - LAST}).withRole("bound"));
    }
}
