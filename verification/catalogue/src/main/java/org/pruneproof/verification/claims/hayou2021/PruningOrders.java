package org.pruneproof.verification.claims.hayou2021;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.meanfield.EdgeOfChaos;
import org.pruneproof.reference.meanfield.EocPoint;
import org.pruneproof.reference.meanfield.MeanField;
import org.pruneproof.reference.pruning.Criterion;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.experiments.Experiments;
import org.pruneproof.verification.gen.NetInstance;
import org.pruneproof.verification.plantedbugs.Pruner;

/**
 * {@code hayou2021.pruning-orders}: any mask lowers the kept squared norm of every row, Σ_j W_ij²δ_ij ≤ Σ_j W_ij², so
 * the effective σ̂_w² = ρ_l·σ_w² of each layer (ρ_l the kept fraction of the layer's squared weights) is at most σ_w²,
 * and the mean-field χ̂_l = σ̂_w²·E[φ'(√q̂ Z)²] at the pruned fixed point q̂ is &lt; 1 after pruning a net on the EOC
 * (docs/theory/hayou2021.md, derived).
 */
public final class PruningOrders implements Claim<PruningOrders.Instance> {

    /**
     * A network on the EOC and a criterion.
     *
     * @param net       the network (its σ_b, σ_w must be an EOC point of its activation)
     * @param criterion random, magnitude or sensitivity
     */
    public record Instance(NetInstance net, String criterion) {
    }

    private static final double[][] EOC_BIASES = {{0}, {0.1, 0.2, 0.5}, {0.1, 0.2}};
    private static final Map<String, EocPoint> EOC = new ConcurrentHashMap<>();

    private final Pruner pruner;

    /** The claim on the reference pruning. */
    public PruningOrders() {
        this(Pruner.REFERENCE);
    }

    /** The claim on another pruning (a planted bug in tests). */
    public PruningOrders(Pruner pruner) {
        this.pruner = pruner;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("hayou2021.pruning-orders")
                .title("Pruning lowers every row's squared norm, so a pruned EOC network is ordered (χ̂ < 1)")
                .statement("\\textstyle\\sum_j W_{ij}^2\\delta_{ij} \\le \\sum_j W_{ij}^2 \\;\\forall i;\\quad "
                        + "\\hat\\chi_l = \\rho_l\\sigma_w^2\\,\\mathbb{E}[\\varphi'(\\sqrt{\\hat q}Z)^2] < 1 \\text{ if } \\rho_l < 1")
                .provenance(Provenance.derived(Paper.HAYOU2021, "pruning moves an EOC net off the EOC (Sec. 3); derived in docs/theory/hayou2021.md"))
                .proof("docs/theory/hayou2021.md#pruning-orders")
                .lemma(2, "\\rho_l = \\textstyle\\sum W^2\\delta / \\sum W^2 \\le 1")
                .expected(Expectation.HOLDS)
                .hypotheses("fully connected nets, d, N ≤ 24, depth ≤ 8, at an EOC point: ReLU (0, √2), tanh σ_b ∈ {0.1, 0.2, 0.5}, "
                        + "ELU σ_b ∈ {0.1, 0.2} (σ_w from the reference solver; instances with |χ − 1| > 1e-6 are discarded); "
                        + "random, MBP or SBP masks, s ∈ [0, 1]; ρ_l = Σ W²δ / Σ W² over layer l")
                .tolerance("row norms: relative 1e-9; χ̂_l ≤ 1 + 1e-9, and χ̂_l ≤ 1 − 1e-8 (strictly below 1, beyond the quadrature error) whenever ρ_l < 1 − 1e-6")
                .budget(new Budget(80, 40, java.time.Duration.ofSeconds(30), 0.5))
                .build();
    }

    static EocPoint eoc(Activation phi, double sigmaB) {
        return EOC.computeIfAbsent(phi.name() + "@" + sigmaB, k -> EdgeOfChaos.byFixedPoint(phi, sigmaB));
    }

    @Override
    public Gen<Instance> instances() {
        Gen<NetInstance> nets = NetInstance.generator(false);
        return (r, size) -> {
            NetInstance n = nets.generate(r, size);
            int a = r.nextInt(3);
            Activation phi = List.of(Activations.RELU, Activations.TANH, Activations.ELU).get(a);
            double sb = EOC_BIASES[a][r.nextInt(EOC_BIASES[a].length)];
            double sw = eoc(phi, sb).sigmaW();
            String crit = new String[] {"random", "magnitude", "sensitivity"}[r.nextInt(3)];
            return new Instance(new NetInstance(n.architecture(), phi.name(), n.inputDim(), n.width(), n.depth(), n.outputs(),
                    n.batch(), sb, sw, n.sparsity(), n.seed()), crit);
        };
    }

    @Override
    public Outcome checkStep(int step, Instance inst) {
        if (step != 2) {
            throw new IllegalArgumentException("hayou2021.pruning-orders has no lemma step " + step);
        }
        NetInstance ni = inst.net();
        Activation phi = Activations.byName(ni.activation());
        if (!(Math.abs(EdgeOfChaos.chiAtFixedPoint(phi, ni.sigmaB(), ni.sigmaW()) - 1) <= 1e-6)) {
            return Outcome.discard("(σ_b, σ_w) is not on the EOC");
        }
        Network net = ni.network();
        Experiments.Batch data = ni.data();
        Network pruned = pruner.prune(net, Criterion.valueOf(inst.criterion().toUpperCase(Locale.ROOT)), ni.sparsity(),
                data.inputs(), data.labels(), new SplittableRandom(ni.seed() + 1));
        Inequalities ineq = Inequalities.hard();
        for (int l = 0; l < net.layers(); l++) {
            double before = org.ejml.dense.row.CommonOps_DDRM.elementSum(org.ejml.dense.row.CommonOps_DDRM.elementPower(net.weights()[l], 2, null));
            double after = org.ejml.dense.row.CommonOps_DDRM.elementSum(org.ejml.dense.row.CommonOps_DDRM.elementPower(pruned.weights()[l], 2, null));
            if (before > 0) {
                ineq.atMost("ρ_l ≤ 1", l, after / before, 1);
            }
        }
        return ineq.outcome().withDetail("criterion", inst.criterion()).withDetail("sparsity", ni.sparsity());
    }

    @Override
    public Outcome check(Instance inst) {
        NetInstance ni = inst.net();
        Activation phi = Activations.byName(ni.activation());
        double chi0 = EdgeOfChaos.chiAtFixedPoint(phi, ni.sigmaB(), ni.sigmaW());
        if (!(Math.abs(chi0 - 1) <= 1e-6)) {
            return Outcome.discard("(σ_b, σ_w) is not on the EOC");
        }
        Criterion criterion = Criterion.valueOf(inst.criterion().toUpperCase(Locale.ROOT));
        Network net = ni.network();
        Experiments.Batch data = ni.data();
        Network pruned = pruner.prune(net, criterion, ni.sparsity(), data.inputs(), data.labels(), new SplittableRandom(ni.seed() + 1));
        Inequalities ineq = Inequalities.hard();
        double[] rho = new double[net.layers()];
        double[] chiHat = new double[net.layers()];
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = net.weights()[l];
            DMatrixRMaj p = pruned.weights()[l];
            double before = 0;
            double after = 0;
            for (int i = 0; i < w.numRows; i++) {
                double rowBefore = 0;
                double rowAfter = 0;
                for (int j = 0; j < w.numCols; j++) {
                    rowBefore += w.get(i, j) * w.get(i, j);
                    rowAfter += p.get(i, j) * p.get(i, j);
                }
                ineq.atMost("kept row squared norm ≤ unpruned", l, rowAfter, rowBefore);
                before += rowBefore;
                after += rowAfter;
            }
            rho[l] = before == 0 ? 1 : after / before;
            if (rho[l] == 0) {
                chiHat[l] = 0;
                continue;
            }
            chiHat[l] = prunedChi(phi, ni.sigmaB(), ni.sigmaW() * Math.sqrt(rho[l]));
            ineq.atMost("χ̂_l ≤ 1", l, chiHat[l], 1);
            if (rho[l] < 1 - 1e-6) {
                ineq.atMost("χ̂_l ≤ 1 − 1e-8 when ρ_l < 1 − 1e-6", l, chiHat[l], 1 - 1e-8);
            }
        }
        double[] ls = Experiments.indices(net.layers());
        return ineq.outcome().withDetail("criterion", inst.criterion()).withDetail("activation", ni.activation())
                .withDetail("sparsity", ni.sparsity()).withDetail("rho", rho).withDetail("chiHat", chiHat)
                .withSeries(Series.measured("χ̂_l after pruning", "χ̂_l", "layer l", "χ̂", ls, chiHat));
    }

    /**
     * χ at the fixed point of the pruned variance map. For ReLU, E[φ'(√q Z)²] = 1/2 for every q &gt; 0, so χ̂ is taken at
     * q = 1 (the fixed point itself is 0 when σ_b = 0 and χ̂ &lt; 1, reached only geometrically).
     */
    static double prunedChi(Activation phi, double sigmaB, double sigmaWHat) {
        if (phi.name().equals("relu")) {
            return new MeanField(phi, sigmaB, sigmaWHat).chi(1);
        }
        return EdgeOfChaos.chiAtFixedPoint(phi, sigmaB, sigmaWHat);
    }

    @Override
    public Shrinker<Instance> shrinker() {
        Shrinker<NetInstance> nets = NetInstance.shrinker();
        return inst -> nets.candidates(inst.net()).map(n -> new Instance(n, inst.criterion()));
    }
}
