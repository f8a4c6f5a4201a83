package org.pruneproof.verification.claims.crosscheck;

import org.pruneproof.reference.pruning.KernelRescaling;
import org.pruneproof.scaled.pruning.ScaledKernelRescaling;
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
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.gen.ConvInstance;

/**
 * {@code crosscheck.kernel-rescaling}: the scaled engine's per-kernel-offset rescaling (used by {@code prune-at-init}
 * and {@code prune} on VGG and MobileNetV2) gives the reference's weights and dead groups.
 */
public final class KernelRescalingCrossCheck implements Claim<ConvInstance> {

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.kernel-rescaling")
                .title("Scaled convolutional rescaling agrees with the reference engine")
                .statement("W^{s}_{\\mathrm{SR}} = \\rho\\odot\\delta\\odot W = W^{r}_{\\mathrm{SR}}\\ (10^{-12}),\\ "
                        + "\\text{dead groups equal}")
                .provenance(Provenance.derived(Paper.PRUNEPROOF, "same algorithm (Hayou et al. 2021 SBP-SR, docs/theory/hayou2021.md) in two engines"))
                .proof("docs/theory/crosscheck.md#kernel-rescaling")
                .expected(Expectation.HOLDS)
                .hypotheses("the convolutions of hayou2021.rescaling-restores-kernel-norm (c_out, c_in ≤ 8, kernels up to 5×5, "
                        + "masks of every density); both engines in float64")
                .tolerance("weights relative 1e-12 with an absolute floor 1e-15; dead groups exact")
                .budget(Budget.hard())
                .build();
    }

    @Override
    public Gen<ConvInstance> instances() {
        return ConvInstance.generator();
    }


    /** Runs the scaled engine: as many cores as ND4J's threads. */
    @Override
    public int threads() {
        return Engines.scaledThreads();
    }

    @Override
    public Outcome check(ConvInstance c) {
        KernelRescaling.Result reference = KernelRescaling.restoreKernelNorms(c.weights(), c.keep(), c.cOut(), c.cIn(),
                c.kh(), c.kw(), c.sigmaW2());
        double[] scaled = c.weights().clone();
        int[] scaledDead = ScaledKernelRescaling.rescale(scaled, c.keep(), c.cOut(), c.cIn(), c.kh(),
                c.kw(), c.sigmaW2());
        Inequalities ineq = Inequalities.withTolerance(1e-12, 1e-15);
        for (int k = 0; k < scaled.length; k++) {
            ineq.atMost("|scaled − reference| ≤ 1e-12·|reference|", k, Math.abs(scaled[k] - reference.weights()[k]),
                    1e-12 * Math.abs(reference.weights()[k]));
        }
        ineq.equal("dead groups: same count", 0, scaledDead.length, reference.deadGroups().length, 0);
        for (int g = 0; g < Math.min(scaledDead.length, reference.deadGroups().length); g++) {
            ineq.equal("dead groups: same indices", g, scaledDead[g], reference.deadGroups()[g], 0);
        }
        return ineq.outcome().withDetail("shape", new int[] {c.cOut(), c.cIn(), c.kh(), c.kw()});
    }

    @Override
    public Shrinker<ConvInstance> shrinker() {
        return ConvInstance.shrinker();
    }
}
