package org.pruneproof.verification.experiments;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.scaled.data.GrayscaleImages;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.channels.ChannelBaselines;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.scaled.training.Evaluation;
import org.pruneproof.scaled.training.Schedule;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.plantedbugs.ChannelGreedy;
import org.pruneproof.verification.plantedbugs.FineTuner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ye et al.'s convolutional experiments on real images, shared by the claims that compare what follows greedy channel
 * selection: a small convolutional network is trained on a seeded Fashion-MNIST training subset ({@link #trainBase}),
 * pruned by greedy forward channel selection ({@link #greedy}: the authors' loss-scored greedy, layer by layer from
 * input to output, kept channels averaged) or by a baseline at the same cost ({@link ChannelBaselines}), trained
 * again for the same epochs with the same data order ({@link #fineTune}), and scored by its top-1 on held-out images
 * of the same file, disjoint from the training subset ({@link #top1}).
 */
public final class ConvChannelPruning {

    private static final Logger LOG = LoggerFactory.getLogger(ConvChannelPruning.class);

    private ConvChannelPruning() {
    }

    /**
     * The setting.
     *
     * @param model            architecture name ({@link Architectures#byName})
     * @param width            width multiplier
     * @param train            training images (a seeded random subset of the training file)
     * @param heldOut          held-out images (the next ones of the same random order)
     * @param baseEpochs       epochs of the network that is pruned
     * @param fineTuneEpochs   epochs after pruning (fine-tuning, or training a re-initialised network)
     * @param batch            SGD batch
     * @param learningRate     base SGD rate (cosine schedule, momentum 0.9, weight decay 5e-4)
     * @param fineTuneRate     base rate after pruning (same schedule)
     * @param greedyTolerance  a layer stops when the greedy's batch loss is within this fraction of the full layer's
     * @param maxKeptFraction  cap on the channels greedy keeps per layer
     * @param candidates       channels scored per greedy step (drawn at random among the unselected)
     * @param greedyBatch      images of each greedy step's fresh batch
     */
    public record Setting(String model, double width, int train, int heldOut, int baseEpochs, int fineTuneEpochs, int batch,
                          double learningRate, double fineTuneRate, double greedyTolerance, double maxKeptFraction, int candidates,
                          int greedyBatch) {

        /** The architecture at Fashion-MNIST's 28×28 with 10 classes. */
        public Architecture architecture() {
            return Architectures.byName(model, width, IdxReader.MNIST_CLASSES).withInputSize(28);
        }

        /** One line for hypotheses and logs. */
        public String describe() {
            return String.format(Locale.ROOT, "%s width %s at 28×28, %d training and %d held-out images, %d epoch(s) before pruning "
                    + "(lr %s) and %d after (lr %s), batch %d; greedy: %d candidates per step on batches of %d, a layer stops at "
                    + "batch loss ≤ (1 + %s)·full or at %s of its channels", model, width, train, heldOut, baseEpochs, learningRate,
                    fineTuneEpochs, fineTuneRate, batch, candidates, greedyBatch, greedyTolerance, maxKeptFraction);
        }
    }

    /**
     * One multi-seed experiment.
     *
     * @param seed    seed of the subsets, initialisations, greedy, random channels and SGD orders
     * @param scale   "reduced" (default budget) or "full" (the main job's second instance)
     * @param seeds   independent repetitions
     * @param setting network, data, epochs, greedy
     */
    public record Experiment(long seed, String scale, int seeds, Setting setting) {
    }

    /**
     * The budget of both convolutional reproductions: one decided experiment; in the default budget at most 2 reduced
     * experiments (about 16 s each on 2 cores), in the main job's at most 4 — by count, not by how many fit into the
     * time on this machine, so the result is the same under any load (2026-12-02).
     */
    public static final Budget BUDGET = Budget.experiments(1, 120).withScaleLimit(2, java.time.Duration.ofMinutes(60))
            .withSizeLimits(1, 2).withAttemptLimits(2, 4);

    /** Size 1: the reduced experiment; size 2 (the main job's second instance): the full one. */
    public static Gen<Experiment> reducedThenFull(int reducedSeeds, Setting reduced, int fullSeeds, Setting full) {
        return (r, size) -> size <= 1 ? new Experiment(r.nextLong(), "reduced", reducedSeeds, reduced)
                : new Experiment(r.nextLong(), "full", fullSeeds, full);
    }

    /** 1, 2, …, n: the x axis of a per-seed figure. */
    public static double[] seedAxis(int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k + 1;
        }
        return x;
    }

    /** The mean of the entries. */
    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** The trained network of one seed with its data, its held-out top-1 and the seeds of what follows. */
    public record Base(NetworkWeights trained, GrayscaleImages train, GrayscaleImages heldOut, double top1, long greedySeed,
                       long fineTuneSeed) {
    }

    /** Draws the subsets and the initialisation of one seed from {@code r} and trains the network. */
    public static Base trainBase(LabelledImages images, SplittableRandom r, Setting s) {
        Architecture a = s.architecture();
        int[] order = FashionMnist.permutation(r, images.size());
        GrayscaleImages train = subset(images, Arrays.copyOf(order, s.train()), a, r.nextLong());
        GrayscaleImages held = subset(images, Arrays.copyOfRange(order, s.train(), s.train() + s.heldOut()), a, r.nextLong());
        NetworkWeights w = NetworkWeights.initialise(a, DataType.FLOAT, r);
        long start = System.nanoTime();
        Training.run(w, train, null, options(s.baseEpochs(), s, s.learningRate(), r.nextLong()), false, null, false, a.name(), null);
        double top1 = top1(w, held);
        LOG.info(String.format(Locale.ROOT, "%s trained %d epoch(s) on %d images in %.1f s: held-out top-1 %.4f", a.name(),
                s.baseEpochs(), s.train(), (System.nanoTime() - start) / 1e9, top1));
        return new Base(w, train, held, top1, r.nextLong(), r.nextLong());
    }

    /** Greedy forward channel selection of the trained network (not modified), the authors' loss-scored greedy. */
    public static GreedyChannelPruning.Result greedy(Base b, Setting s, ChannelGreedy greedy) {
        GreedyChannelPruning.Options o = new GreedyChannelPruning.Options(GreedyChannelPruning.Mode.LOSS,
                GreedyChannelPruning.Stop.LOSS, s.greedyTolerance(), GreedyChannelPruning.PAPER_PRECHECK, s.maxKeptFraction(),
                s.greedyBatch(), 1, 1, s.candidates(), s.candidates() + 1, false, b.greedySeed());
        // the training subset's own seeded walk: the training loop reads it by index, so the walk is the greedy's alone
        return greedy.prune(b.trained(), b.train(), o);
    }

    /** Trains {@code w} for the setting's fine-tuning epochs, the same data order for every network of the seed. */
    public static NetworkWeights fineTune(NetworkWeights w, Base b, Setting s, FineTuner tuner) {
        return tuner.fineTune(w, b.train(), options(s.fineTuneEpochs(), s, s.fineTuneRate(), b.fineTuneSeed()));
    }

    /**
     * A fresh He initialisation of an architecture, drawn from {@code SplittableRandom(fine-tuning seed)} (a random
     * stream of its own: the training loop derives its epoch orders from that seed by another rule).
     */
    public static NetworkWeights reinitialise(Architecture a, Base b) {
        return NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(b.fineTuneSeed()));
    }

    /** Held-out top-1 (batch norm in inference mode). */
    public static double top1(NetworkWeights w, GrayscaleImages heldOut) {
        return Evaluation.of(w, heldOut, 500, null).top1();
    }

    /** Multiply–accumulates per image. */
    public static long macs(NetworkWeights w) {
        return w.architecture().macs();
    }

    /** The kept channels per group of a pruned network of the setting's architecture. */
    public static int[] counts(Setting s, NetworkWeights pruned) {
        return ChannelBaselines.counts(s.architecture(), pruned.architecture());
    }

    private static Training.Options options(int epochs, Setting s, double rate, long seed) {
        return new Training.Options(epochs, s.batch(), rate, 0.9, 5e-4, Schedule.COSINE, seed, false, 500, epochs);
    }

    private static GrayscaleImages subset(LabelledImages images, int[] idx, Architecture a, long seed) {
        return StableResNetPruning.images(images, idx, a, seed);
    }
}
