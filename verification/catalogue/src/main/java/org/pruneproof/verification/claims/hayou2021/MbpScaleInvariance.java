package org.pruneproof.verification.claims.hayou2021;

import java.util.Arrays;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reference.pruning.Mask;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.NetInstance;
import org.pruneproof.verification.plantedbugs.MaskRule;

/**
 * {@code hayou2021.mbp-scale-invariance}: multiplying every weight by one c &gt; 0 preserves the order of |W|, so the
 * global MBP mask, s_cr and the collapsing layer do not change (notes hayou2021.md §4.6(a)).
 */
public final class MbpScaleInvariance implements Claim<MbpScaleInvariance.Instance> {

    /**
     * A network and a scale.
     *
     * @param net   the network instance (its sparsity is the pruning sparsity)
     * @param scale c &gt; 0
     */
    public record Instance(NetInstance net, double scale) {
    }

    private final Function<Network, double[][]> scorer;

    /** The claim on the reference MBP scores |W|. */
    public MbpScaleInvariance() {
        this(Scores::magnitude);
    }

    /** The claim on another scorer (a planted bug in tests). */
    public MbpScaleInvariance(Function<Network, double[][]> scorer) {
        this.scorer = scorer;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.mbp-scale-invariance")
                .title("The global MBP mask and s_cr do not change when all weights are scaled by one c > 0")
                .statement("\\delta_{\\mathrm{MBP}}(cW, s) = \\delta_{\\mathrm{MBP}}(W, s),\\quad s_{cr}(cW) = s_{cr}(W)\\quad (c > 0)")
                .provenance(Provenance.derived(Paper.HAYOU2021, "MBP at initialisation (appendix); derived in notes hayou2021.md §4.6(a)"))
                .proof("docs/theory/hayou2021.md#mbp-scale-invariance")
                .expected(Expectation.HOLDS)
                .hypotheses("fully connected nets and ResNets, d, N ≤ 24, depth ≤ 8, σ_w ∈ [0.2, 3), c log-uniform in [1e-3, 1e3], s ∈ [0, 1]")
                .tolerance("exact (identical masks, s_cr and collapsing layer)")
                .budget(Budget.hard().withTries(300))
                .build();
    }

    @Override
    public Gen<Instance> instances() {
        Gen<NetInstance> nets = NetInstance.generator(true);
        return (r, size) -> new Instance(nets.generate(r, size), StrictMath.exp(StrictMath.log(1e-3) + StrictMath.log(1e6) * r.nextDouble()));
    }

    @Override
    public Outcome check(Instance inst) {
        if (!(inst.scale() > 0) || Double.isInfinite(inst.scale())) {
            return Outcome.discard("scale c must be positive and finite");
        }
        Network net = inst.net().network();
        DMatrixRMaj[] scaled = net.copyWeights();
        for (DMatrixRMaj w : scaled) {
            for (int k = 0; k < w.getNumElements(); k++) {
                w.data[k] *= inst.scale();
            }
        }
        double[][] g = scorer.apply(net);
        double[][] gc = scorer.apply(net.withWeights(scaled));
        Mask a = MaskRule.REFERENCE.mask(g, inst.net().sparsity());
        Mask b = MaskRule.REFERENCE.mask(gc, inst.net().sparsity());
        Inequalities ineq = Inequalities.hard();
        int differing = 0;
        for (int l = 0; l < a.layers(); l++) {
            if (!Arrays.equals(a.kept()[l], b.kept()[l])) {
                differing++;
            }
        }
        ineq.equal("layers whose mask changed", 0, differing, 0, 0);
        CriticalSparsity ca = CriticalSparsity.of(g);
        CriticalSparsity cb = CriticalSparsity.of(gc);
        ineq.equal("s_cr(cW) = s_cr(W)", 0, cb.value(), ca.value(), 0);
        ineq.equal("collapsing layer", 0, cb.collapsingLayer(), ca.collapsingLayer(), 0);
        return ineq.outcome().withDetail("scale", inst.scale()).withDetail("s_cr", ca.value())
                .withDetail("collapsingLayer", ca.collapsingLayer());
    }

    @Override
    public Shrinker<Instance> shrinker() {
        Shrinker<NetInstance> nets = NetInstance.shrinker();
        return inst -> java.util.stream.Stream.concat(
                nets.candidates(inst.net()).map(n -> new Instance(n, inst.scale())),
                org.pruneproof.verification.api.Shrink.simplerDoubles(inst.scale()).stream().filter(c -> c > 0)
                        .map(c -> new Instance(inst.net(), c)));
    }
}
