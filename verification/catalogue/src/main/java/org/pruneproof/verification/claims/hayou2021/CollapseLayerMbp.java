package org.pruneproof.verification.claims.hayou2021;

import java.time.Duration;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.reference.pruning.CriticalSparsity;
import org.pruneproof.reference.pruning.Scores;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.NetInstance;

/**
 * {@code hayou2021.collapse-layer-mbp} (open conjecture): global MBP collapses a layer with the largest fan-in first —
 * since max|W^l| ≈ (σ_w/√v_l)·√(2 log M_l), the layer with the smallest weight scale goes first (notes hayou2021.md
 * §4.6(b)). Layers with equal fan-in but fewer weights (the readout) are the natural suspects for a counterexample.
 */
public final class CollapseLayerMbp implements Claim<NetInstance> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.collapse-layer-mbp")
                .title("Conjecture: global MBP collapses the layer with the largest fan-in first")
                .statement("v_{\\arg\\min_l r_l} = \\max_l v_l \\quad (\\text{MBP scores } |W|)")
                .provenance(Provenance.conjecture(Paper.HAYOU2021, "MBP collapse point, notes hayou2021.md §4.6(b)"))
                .expected(Expectation.OPEN)
                .hypotheses("fully connected nets and ResNets at initialisation, d, N ≤ 24, depth ≤ 8, outputs ≤ 10, σ_w ∈ [0.2, 3)")
                .tolerance("exact (fan-ins are integers)")
                .budget(new Budget(300, 100, Duration.ofSeconds(20), 0.5))
                .build();
    }

    @Override
    public Gen<NetInstance> instances() {
        return NetInstance.generator(true);
    }

    @Override
    public Outcome check(NetInstance inst) {
        Network net = inst.network();
        NetworkShape shape = net.shape();
        CriticalSparsity c = CriticalSparsity.of(Scores.magnitude(net));
        int maxFanIn = 0;
        for (int l = 0; l < shape.layers(); l++) {
            maxFanIn = Math.max(maxFanIn, shape.fanIn(l));
        }
        int fanIn = shape.fanIn(c.collapsingLayer());
        double ratio = (double) maxFanIn / fanIn;
        String msg = "collapsing layer " + c.collapsingLayer() + " has fan-in " + fanIn + ", the largest is " + maxFanIn;
        Outcome.Checked o = fanIn == maxFanIn ? Outcome.holds(ratio, msg) : Outcome.fails(ratio, msg);
        return o.withDetail("s_cr", c.value()).withDetail("collapsingLayer", c.collapsingLayer()).withDetail("layers", shape.layers());
    }

    @Override
    public Shrinker<NetInstance> shrinker() {
        return NetInstance.shrinker();
    }
}
