package org.pruneproof.verification.claims.ye2020;

import java.util.Locale;
import java.util.SplittableRandom;
import org.pruneproof.reports.results.Series;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.claims.OneThreadScaledClaim;
import org.pruneproof.verification.experiments.ConvChannelPruning;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.PairedDifferences;
import org.pruneproof.verification.plantedbugs.ChannelGreedy;
import org.pruneproof.verification.plantedbugs.FineTuner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ye2020.fine-tune-not-retrain-fashion-mnist}: Ye et al.'s recommendation on a trained convolutional network.
 * Per seed a small conv net is trained on a Fashion-MNIST subset and pruned by greedy forward channel selection
 * ({@link ConvChannelPruning}); the pruned network is fine-tuned for E epochs, and the same (pruned) architecture,
 * re-initialised, is trained for the same E epochs with the same data order. The paired difference of held-out top-1
 * over seeds decides.
 */
public final class FineTuneNotRetrainFashionMnist extends OneThreadScaledClaim<ConvChannelPruning.Experiment> {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuneNotRetrainFashionMnist.class);

    /** One-sided confidence of the bounds on the mean difference. */
    static final double CONFIDENCE = 0.95;

    /** LeNet-5 diverged at lr 0.05 (batch 64) in the first speed measurement, so its rate is 0.01, fixed before any verdict. */
    static final ConvChannelPruning.Setting REDUCED = new ConvChannelPruning.Setting("lenet5", 0.5, 256, 300, 1, 1, 64, 0.01, 0.01,
            0.1, 0.5, 4, 64);
    static final ConvChannelPruning.Setting FULL = new ConvChannelPruning.Setting("lenet5", 1, 3_000, 2_000, 2, 1, 64, 0.01, 0.01,
            0.05, 0.5, 8, 128);
    static final int REDUCED_SEEDS = 2;
    static final int FULL_SEEDS = 3;

    private final ChannelGreedy greedy;
    private final FineTuner tuner;

    public FineTuneNotRetrainFashionMnist() {
        this(ChannelGreedy.SCALED, FineTuner.SCALED);
    }

    /** With another greedy or fine-tuning (a planted bug in tests). */
    FineTuneNotRetrainFashionMnist(ChannelGreedy greedy, FineTuner tuner) {
        this.greedy = greedy;
        this.tuner = tuner;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("ye2020.fine-tune-not-retrain-fashion-mnist")
                .title("On Fashion-MNIST, fine-tuning a greedily channel-pruned conv net beats re-initialising the pruned architecture and training it as long")
                .statement("\\mathbb E\\big[\\mathrm{top1}(\\text{fine-tuned}) - \\mathrm{top1}(\\text{re-initialised, same epochs})\\big] > 0")
                .provenance(Provenance.readInAbstract(Paper.YE2020,
                        "the abstract: theory and MobileNet experiments suggest fine-tuning the pruned subnetwork rather than "
                        + "re-training it from a new random initialisation. Network, data, epochs and criterion are ours"))
                .reproduces("Ye et al. 2020, abstract: fine-tune the pruned subnetwork rather than re-train it from a new random "
                        + "initialisation (on a small conv net on Fashion-MNIST, the same epochs for both)")
                .expected(Expectation.OPEN)
                .hypotheses("real data: Fashion-MNIST training file (folder " + FashionMnist.DEFAULT_FOLDER + " or --mnist DIR; "
                        + "without it INCONCLUSIVE); per seed a random training subset and disjoint held-out images of the same "
                        + "file. The network is trained by the scaled engine's training loop (SGD, momentum 0.9, weight decay 5e-4, "
                        + "cosine schedule, float32), pruned by the authors' loss-scored greedy channel selection (every prunable "
                        + "channel group, input to output, candidates drawn at random, kept channels averaged N/n, no steps "
                        + "between layers); the pruned network is fine-tuned, and the pruned architecture re-initialised (He) "
                        + "is trained, with the same options and data order. Default budget (reduced): " + REDUCED_SEEDS
                        + " seeds, " + REDUCED.describe() + ". Main job (full, its second instance): " + FULL_SEEDS + " seeds, "
                        + FULL.describe())
                .tolerance("criterion fixed before the first run: per seed d = held-out top-1 of the fine-tuned network − that of "
                        + "the re-initialised one; REPRODUCED when the one-sided 95 % Student-t lower bound of the mean d is > 0 "
                        + "and d > 0 in a majority of seeds; NOT REPRODUCED when the one-sided 95 % upper bound is < 0 or d > 0 in "
                        + "no seed; otherwise INCONCLUSIVE (counted as discarded). ratio = 1/(1 + max(0, lower bound))")
                .budget(ConvChannelPruning.BUDGET)
                .build();
    }

    @Override
    public Gen<ConvChannelPruning.Experiment> instances() {
        return ConvChannelPruning.reducedThenFull(REDUCED_SEEDS, REDUCED, FULL_SEEDS, FULL);
    }

    /** On one ND4J thread: the operations are small, and a second thread only waits on a shared host. */
    @Override
    protected Outcome checkOnOneThread(ConvChannelPruning.Experiment e) {
        FashionMnist.Loaded data = FashionMnist.load();
        if (data.images() == null) {
            return Outcome.discard(data.problem());
        }
        ConvChannelPruning.Setting s = e.setting();
        SplittableRandom r = new SplittableRandom(e.seed());
        double[] base = new double[e.seeds()];
        double[] pruned = new double[e.seeds()];
        double[] fine = new double[e.seeds()];
        double[] reinit = new double[e.seeds()];
        double[] kept = new double[e.seeds()];
        for (int k = 0; k < e.seeds(); k++) {
            long start = System.nanoTime();
            ConvChannelPruning.Base b = ConvChannelPruning.trainBase(data.images(), r, s);
            GreedyChannelPruning.Result g = ConvChannelPruning.greedy(b, s, greedy);
            NetworkWeights p = g.pruned();
            base[k] = b.top1();
            pruned[k] = ConvChannelPruning.top1(p, b.heldOut());
            kept[k] = (double) ConvChannelPruning.macs(p) / ConvChannelPruning.macs(b.trained());
            NetworkWeights fresh = ConvChannelPruning.reinitialise(p.architecture(), b);
            fine[k] = ConvChannelPruning.top1(ConvChannelPruning.fineTune(p, b, s, tuner), b.heldOut());
            reinit[k] = ConvChannelPruning.top1(ConvChannelPruning.fineTune(fresh, b, s, FineTuner.SCALED), b.heldOut());
            LOG.info(String.format(Locale.ROOT, "ye2020.fine-tune-not-retrain-fashion-mnist (%s): seed %d of %d in %.1f s: top-1 "
                    + "trained %.4f, pruned %.4f (MACs kept %.3f), fine-tuned %.4f, re-initialised %.4f", e.scale(), k + 1, e.seeds(),
                    (System.nanoTime() - start) / 1e9, base[k], pruned[k], kept[k], fine[k], reinit[k]));
        }
        PairedDifferences gap = PairedDifferences.of(fine, reinit, CONFIDENCE);
        String measurement = String.format(Locale.ROOT, "held-out top-1 fine-tuned − re-initialised = %s; fine-tuned better in %d of %d "
                + "seeds; means: trained %.4f, pruned before fine-tuning %.4f, fine-tuned %.4f, re-initialised %.4f; MACs kept %.3f "
                + "(mean)", gap.describe(), gap.wins(), e.seeds(), ConvChannelPruning.mean(base), ConvChannelPruning.mean(pruned),
                ConvChannelPruning.mean(fine), ConvChannelPruning.mean(reinit), ConvChannelPruning.mean(kept));
        double[] seedAxis = ConvChannelPruning.seedAxis(e.seeds());
        String plot = "held-out top-1 per seed, " + s.model() + " width " + s.width() + " on Fashion-MNIST (" + e.scale() + ")";
        Series[] series = {
            Series.measured(plot, "fine-tuned (greedy-pruned)", "seed", "held-out top-1", seedAxis, fine),
            Series.measured(plot, "re-initialised, same epochs", "seed", "held-out top-1", seedAxis, reinit).withRole("reference"),
            Series.measured(plot, "pruned, before fine-tuning", "seed", "held-out top-1", seedAxis, pruned),
            Series.measured(plot, "trained, before pruning", "seed", "held-out top-1", seedAxis, base)
        };
        return gap.judge(e.scale(), measurement, true).withDetail("measurement", measurement).withDetail("scale", e.scale())
                .withDetail("differences", gap.differences())
                .withDetail("fineTunedTop1", fine).withDetail("reinitialisedTop1", reinit).withDetail("data", data.folder().toString())
                .withSeries(series);
    }
}
