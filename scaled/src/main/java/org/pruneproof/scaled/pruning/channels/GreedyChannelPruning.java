package org.pruneproof.scaled.pruning.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.nets.ChannelGroups;
import org.pruneproof.nets.Layer;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ye et al.'s practical greedy channel selection (docs/theory/ye2020.md): the {@link ChannelGroup}s are
 * pruned one at a time from input to output; in each, channels are added greedily to an empty
 * subnetwork whose channels are averaged (kept channels rescaled by N/n). Batch norm uses batch
 * statistics throughout.
 *
 * <p>All groups are pruned on one masked graph of the full network ({@link NetworkGraph#masked}, built
 * once): a pruned group's consumer sees its channels through a mask (count·N/n on the kept channels, 0
 * elsewhere), which computes exactly what the physically smaller network computes. At the end the
 * network is physically shrunk, group by group ({@link ChannelSurgery}).
 *
 * <ul>
 *   <li>{@link Mode#LOSS} (mode (a), as the paper's code, {@link LossGreedy}): every step draws a
 *       fresh mini-batch and scores a bounded random set of at most {@code candidates} not-yet-selected
 *       channels by the whole network's cross-entropy, keeping the best (strict {@code <}: the earlier
 *       candidate wins ties); the candidates are scored {@code candidatesPerPass} at a time in one
 *       forward pass. The layer stops by the authors' accuracy rule ({@link Stop#ACCURACY}: top-1 on a
 *       fixed evaluation set within {@code tolerance} of the layer's starting top-1, checked once the
 *       batch top-1 is within {@code preCheck} of it) or by the loss ({@link Stop#LOSS}:
 *       {@code L(S) ≤ (1 + tolerance)·L(full layer)} on the step's batch). The authors' script meant a
 *       random candidate set but turned the shuffled indices into a Python set before slicing, so it
 *       actually took the lowest-index channels; this implementation draws the candidates at random
 *       (seeded), as they meant.</li>
 *   <li>{@link Mode#FAST} (mode (b)): reconstructs the consumer's pre-activations on sampled
 *       positions, exactly the two-layer greedy problem of {@link ChannelFeatures}, solved by
 *       {@link LocalGreedy} (without replacement by default), stopping when the reconstruction loss
 *       falls to {@code tolerance} times that of the empty subnetwork.</li>
 * </ul>
 * Both modes also stop at {@code maxKeptFraction·N} channels (at least one).
 */
public final class GreedyChannelPruning {

    private static final Logger LOG = LoggerFactory.getLogger(GreedyChannelPruning.class);

    /** Which greedy. */
    public enum Mode { LOSS, FAST }

    /** Mode (a)'s stopping rule: the authors' accuracy rule, or the loss. */
    public enum Stop { ACCURACY, LOSS }

    /** The authors' top-1 tolerance ({@code --top1_tol}). */
    public static final double PAPER_TOP1_TOLERANCE = 0.02;

    /** The authors' pre-check on the batch top-1 ({@code --skip_eval_converge}). */
    public static final double PAPER_PRECHECK = 0.05;

    /**
     * @param mode              LOSS (paper) or FAST (reconstruction)
     * @param stop              LOSS mode: the stopping rule
     * @param tolerance         stopping tolerance (see the class comment)
     * @param preCheck          LOSS mode, accuracy rule: batch top-1 within this fraction of the start
     *                          before the evaluation set is measured
     * @param maxKeptFraction   cap on kept channels per layer, in (0, 1]
     * @param batch             mini-batch size
     * @param evaluationImages  LOSS mode, accuracy rule: size of the fixed evaluation set (rounded up to
     *                          whole batches)
     * @param positions         FAST: sampled output positions per layer
     * @param candidates        LOSS: candidates scored per step
     * @param candidatesPerPass LOSS: candidates scored in one forward pass (memory: that many copies)
     * @param replacement       FAST: select with replacement (a channel chosen k times gets k·N/n)
     * @param seed              seed of positions, candidate sets and the evaluation set
     */
    public record Options(Mode mode, Stop stop, double tolerance, double preCheck, double maxKeptFraction, int batch,
                          int evaluationImages, int positions, int candidates, int candidatesPerPass, boolean replacement,
                          long seed) {
        public Options {
            if (!(tolerance >= 0) || !(preCheck >= 0) || !(maxKeptFraction > 0 && maxKeptFraction <= 1) || batch < 1
                    || evaluationImages < 1 || positions < 1 || candidates < 1 || candidatesPerPass < 1) {
                throw new IllegalArgumentException("invalid greedy options: tolerance and pre-check ≥ 0, kept fraction in (0, 1],"
                        + " batch, evaluation images, positions, candidates and candidates per pass ≥ 1 expected, got " + tolerance
                        + ", " + preCheck + ", " + maxKeptFraction + ", " + batch + ", " + evaluationImages + ", " + positions + ", "
                        + candidates + ", " + candidatesPerPass);
            }
        }
    }

    /**
     * One pruned group: kept channels (ascending), their consumer scales, the loss before and after
     * (mode (a): on the first and last step's batch; FAST: the reconstruction loss), mode (a)'s top-1 on
     * the evaluation set before and after (NaN when not measured), and what stopped the layer
     * ({@code accuracy}, {@code loss}, {@code tolerance} (FAST) or {@code cap}).
     */
    public record GroupResult(String producer, String consumer, int channels, int[] kept, double[] scale, double startLoss,
                              double endLoss, double startTop1, double endTop1, String stoppedBy) {

        GroupResult with(double top1Start, double top1End, String stop) {
            return new GroupResult(producer, consumer, channels, kept, scale, startLoss, endLoss, top1Start, top1End, stop);
        }
    }

    /** The pruned (smaller) network and one result per group. */
    public record Result(NetworkWeights pruned, List<GroupResult> groups) {
    }

    private GreedyChannelPruning() {
    }

    /** Prunes every channel group, input to output. The given weights are not modified. */
    public static Result prune(NetworkWeights weights, BatchSource data, Options o) {
        return prune(weights, data, o, null);
    }

    /**
     * Prunes every channel group, input to output, calling {@code betweenGroups} after each group but the last with the
     * consumer masks so far (channel → scale, 0 for a removed channel): Ye et al.'s fine-tuning between layers updates the
     * weights in place there, and the next group is selected on the updated network.
     */
    public static Result prune(NetworkWeights weights, BatchSource data, Options o,
                               java.util.function.Consumer<Map<String, double[]>> betweenGroups) {
        SplittableRandom random = new SplittableRandom(o.seed());
        List<ChannelGroup> groups = ChannelGroups.find(weights.architecture());
        Map<String, double[]> masks = new LinkedHashMap<>();
        for (ChannelGroup g : groups) {
            double[] ones = new double[g.channels()];
            Arrays.fill(ones, 1);
            masks.put(g.consumer(), ones);
        }
        NetworkGraph single = NetworkGraph.masked(weights, 1, masks.keySet());
        LossGreedy loss = null;
        if (o.mode() == Mode.LOSS) {
            int perPass = Math.min(o.candidatesPerPass(), o.candidates() + 1);
            NetworkGraph batched = perPass == 1 ? single : NetworkGraph.masked(weights, perPass, masks.keySet());
            List<ImageBatch> evaluation = new ArrayList<>();
            if (o.stop() == Stop.ACCURACY) {
                for (int seen = 0; seen < o.evaluationImages(); seen += o.batch()) {
                    evaluation.add(data.next(o.batch()));
                }
            }
            loss = new LossGreedy(single, batched, masks, evaluation, o);
        }
        List<GroupResult> results = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            ChannelGroup g = groups.get(gi);
            GroupResult r = loss == null ? fast(single, masks, g, data, o, random.split()) : loss.prune(g, data, random.split());
            LOG.info("greedy-{} [{}/{}] {} → {}: kept {}/{} channels, loss {} → {}, top-1 {} → {}, stopped by {}",
                    o.mode() == Mode.FAST ? "fast" : "loss", gi + 1, groups.size(), g.producer(), g.consumer(), r.kept().length,
                    g.channels(), String.format("%.4g", r.startLoss()), String.format("%.4g", r.endLoss()),
                    String.format("%.3f", r.startTop1()), String.format("%.3f", r.endTop1()), r.stoppedBy());
            double[] m = new double[g.channels()];
            for (int i = 0; i < r.kept().length; i++) {
                m[r.kept()[i]] = r.scale()[i];
            }
            masks.put(g.consumer(), m);
            results.add(r);
            if (betweenGroups != null && gi < groups.size() - 1) {
                betweenGroups.accept(java.util.Collections.unmodifiableMap(masks));
            }
        }
        // the groups of the full architecture: a depthwise convolution shrunk to one channel is an ordinary
        // 1→1 convolution, so the groups of a shrunk architecture can differ
        NetworkWeights current = weights;
        for (int gi = 0; gi < groups.size(); gi++) {
            GroupResult r = results.get(gi);
            current = ChannelSurgery.keep(current, groups.get(gi), r.kept(), r.scale());
        }
        return new Result(current, results);
    }

    static int cap(int n, double fraction) {
        return Math.max(1, Math.min(n, (int) Math.round(fraction * n)));
    }

    private static GroupResult fast(NetworkGraph graph, Map<String, double[]> masks, ChannelGroup g, BatchSource data, Options o,
                                    SplittableRandom random) {
        ImageBatch batch = data.next(o.batch());
        NetworkWeights w = graph.weights();
        Map<String, INDArray> feed = new HashMap<>();
        masks.forEach((k, m) -> {
            double[] rows = new double[batch.size() * m.length];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(m, 0, rows, i * m.length, m.length);
            }
            feed.put(k, Nd4j.create(rows, new long[] {batch.size(), m.length}, DataType.DOUBLE).castTo(w.dataType()));
        });
        INDArray h = graph.layerInput(g.consumer(), batch.images(), feed);
        Layer.Conv consumer = conv(w.architecture(), g.consumer());
        INDArray kernel = w.get(g.consumer() + ".weight");
        int side = ChannelFeatures.outputSide((int) h.size(2), consumer.kernel(), consumer.stride(), consumer.padding());
        int[][] pos = ChannelFeatures.samplePositions((int) h.size(0), side, side, o.positions(), random);
        LocalGreedy.Path path = fastSelection(h, kernel, consumer.stride(), consumer.padding(), pos,
                cap(g.channels(), o.maxKeptFraction()), o.replacement(), o.tolerance());
        double l0 = 0;
        for (double v : ChannelFeatures.build(h, kernel, consumer.stride(), consumer.padding(), pos).y()) {
            l0 += v * v;
        }
        double end = path.loss()[path.loss().length - 1];
        l0 /= pos.length * kernel.size(0);
        boolean tolerated = o.tolerance() > 0 && end <= o.tolerance() * l0;
        return withScales(g, path.selected(), l0, end).with(Double.NaN, Double.NaN, tolerated ? "tolerance" : "cap");
    }

    /**
     * The fast mode's selection on one layer: the two-layer greedy problem of the consumer's input
     * {@code h} [B, N, H, W] and kernel [O, N, k, k] on the given output positions
     * ({@link ChannelFeatures}), solved by {@link LocalGreedy}.
     */
    public static LocalGreedy.Path fastSelection(INDArray h, INDArray kernel, int stride, int padding, int[][] positions,
                                                 int maxSteps, boolean replacement, double tolerance) {
        ChannelFeatures.Problem p = ChannelFeatures.build(h, kernel, stride, padding, positions);
        return LocalGreedy.select(p.phi(), p.y(), maxSteps, replacement, tolerance);
    }

    /** Kept channels ascending, each scaled count·N/n (n the number of steps). */
    static GroupResult withScales(ChannelGroup g, int[] selected, double start, double end) {
        int n = g.channels();
        int[] counts = new int[n];
        for (int c : selected) {
            counts[c]++;
        }
        int[] kept = java.util.stream.IntStream.range(0, n).filter(c -> counts[c] > 0).toArray();
        double[] scale = Arrays.stream(kept).mapToDouble(c -> counts[c] * (double) n / selected.length).toArray();
        return new GroupResult(g.producer(), g.consumer(), n, kept, scale, start, end, Double.NaN, Double.NaN, "");
    }

    /** Up to k unselected channels drawn uniformly without replacement (seeded), in draw order. */
    static int[] candidates(boolean[] used, int k, SplittableRandom random) {
        int[] free = java.util.stream.IntStream.range(0, used.length).filter(c -> !used[c]).toArray();
        int take = Math.min(k, free.length);
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(free.length - i);
            int t = free[i];
            free[i] = free[j];
            free[j] = t;
        }
        return Arrays.copyOf(free, take);
    }

    /** The convolution of that name. */
    static Layer.Conv conv(Architecture a, String name) {
        Layer.Conv[] found = new Layer.Conv[1];
        Architecture.walk(a.layers(), new int[] {a.inputChannels(), a.inputSize(), a.inputSize()}, (l, in, out) -> {
            if (l instanceof Layer.Conv c && c.name().equals(name)) {
                found[0] = c;
            }
        });
        if (found[0] == null) {
            throw new IllegalArgumentException("no convolution named " + name);
        }
        return found[0];
    }
}
