package org.pruneproof.scaled.pruning.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.Architecture;
import org.pruneproof.scaled.nets.Layer;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ye et al.'s practical greedy channel selection (ye2020.md §3.2): the {@link ChannelGroup}s are
 * pruned one at a time from input to output; in each, channels are added greedily to an empty
 * subnetwork whose channels are averaged (kept channels rescaled by N/n), and the layer is then
 * physically shrunk ({@link ChannelSurgery}). Batch norm uses batch statistics throughout.
 *
 * <ul>
 *   <li>{@link Mode#LOSS} (mode (a), as the paper's code): every step draws a fresh mini-batch and
 *       scores a bounded random set of at most {@code candidates} not-yet-selected channels by the
 *       whole network's cross-entropy, keeping the best (strict {@code <}: the earlier candidate wins
 *       ties). The layer stops when the loss is within {@code tolerance} of the full layer's loss on
 *       the same batch, {@code L(S) ≤ (1 + tolerance)·L(full)}. The authors' script meant a random
 *       candidate set but turned the shuffled indices into a Python set before slicing, so it
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

    /**
     * @param mode            LOSS (paper) or FAST (reconstruction)
     * @param tolerance       stopping tolerance (see the class comment)
     * @param maxKeptFraction cap on kept channels per layer, in (0, 1]
     * @param batch           mini-batch size
     * @param positions       FAST: sampled output positions per layer
     * @param candidates      LOSS: candidates scored per step
     * @param replacement     FAST: select with replacement (a channel chosen k times gets k·N/n)
     * @param seed            seed of positions and candidate sets
     */
    public record Options(Mode mode, double tolerance, double maxKeptFraction, int batch, int positions, int candidates,
                          boolean replacement, long seed) {
        public Options {
            if (!(tolerance >= 0) || !(maxKeptFraction > 0 && maxKeptFraction <= 1) || batch < 1 || positions < 1 || candidates < 1) {
                throw new IllegalArgumentException("invalid greedy options: tolerance ≥ 0, kept fraction in (0, 1], batch, positions"
                        + " and candidates ≥ 1 expected, got " + tolerance + ", " + maxKeptFraction + ", " + batch + ", " + positions
                        + ", " + candidates);
            }
        }
    }

    /** One pruned group: kept channels (ascending), their consumer scales, and the loss before and after. */
    public record GroupResult(String producer, String consumer, int channels, int[] kept, double[] scale, double startLoss,
                              double endLoss) {
    }

    /** The pruned (smaller) network and one result per group. */
    public record Result(NetworkWeights pruned, List<GroupResult> groups) {
    }

    private GreedyChannelPruning() {
    }

    /** Prunes every channel group, input to output. The given weights are not modified. */
    public static Result prune(NetworkWeights weights, BatchSource data, Options o) {
        SplittableRandom random = new SplittableRandom(o.seed());
        NetworkWeights current = weights;
        int groupCount = ChannelGroups.find(weights.architecture()).size();
        List<GroupResult> results = new ArrayList<>();
        for (int gi = 0; gi < groupCount; gi++) {
            ChannelGroup g = ChannelGroups.find(current.architecture()).get(gi);
            GroupResult r = o.mode() == Mode.FAST ? fast(current, g, data, o, random.split()) : byLoss(current, g, data, o, random.split());
            LOG.info("greedy-{} [{}/{}] {} → {}: kept {}/{} channels, loss {} → {}", o.mode() == Mode.FAST ? "fast" : "loss",
                    gi + 1, groupCount, g.producer(), g.consumer(), r.kept().length, g.channels(),
                    String.format("%.4g", r.startLoss()), String.format("%.4g", r.endLoss()));
            current = ChannelSurgery.keep(current, g, r.kept(), r.scale());
            results.add(r);
        }
        return new Result(current, results);
    }

    static int cap(int n, double fraction) {
        return Math.max(1, Math.min(n, (int) Math.round(fraction * n)));
    }

    private static GroupResult fast(NetworkWeights w, ChannelGroup g, BatchSource data, Options o, SplittableRandom random) {
        ImageBatch batch = data.next(o.batch());
        INDArray h = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING).layerInput(g.consumer(), batch.images());
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
        return withScales(g, path.selected(), l0 / (pos.length * kernel.size(0)), path.loss()[path.loss().length - 1]);
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
        return new GroupResult(g.producer(), g.consumer(), n, kept, scale, start, end);
    }

    private static GroupResult byLoss(NetworkWeights w, ChannelGroup g, BatchSource data, Options o, SplittableRandom random) {
        NetworkGraph graph = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING);
        INDArray live = w.get(g.consumer() + ".weight");
        INDArray full = live.dup();
        int n = g.channels();
        int maxSteps = cap(n, o.maxKeptFraction());
        List<Integer> selected = new ArrayList<>();
        boolean[] used = new boolean[n];
        double start = Double.NaN;
        double end = Double.NaN;
        try {
            for (int step = 1; step <= maxSteps; step++) {
                ImageBatch batch = data.next(o.batch());
                live.assign(full);
                double fullLoss = graph.loss(batch.images(), batch.labels());
                if (step == 1) {
                    start = fullLoss;
                }
                int[] cands = candidates(used, o.candidates(), random);
                int best = -1;
                double bestLoss = Double.POSITIVE_INFINITY;
                for (int c : cands) {
                    selected.add(c);
                    live.assign(full.mul(mask(selected, n, full)));
                    double l = graph.loss(batch.images(), batch.labels());
                    selected.remove(selected.size() - 1);
                    if (l < bestLoss) {
                        bestLoss = l;
                        best = c;
                    }
                }
                selected.add(best);
                used[best] = true;
                end = bestLoss;
                if (bestLoss <= (1 + o.tolerance()) * fullLoss) {
                    break;
                }
            }
        } finally {
            live.assign(full);
        }
        return withScales(g, selected.stream().mapToInt(Integer::intValue).toArray(), start, end);
    }

    /** [1, N, 1, 1] multiplier: N/|S| on the selected channels, 0 elsewhere. */
    private static INDArray mask(List<Integer> selected, int n, INDArray like) {
        double[] m = new double[n];
        for (int c : selected) {
            m[c] += (double) n / selected.size();
        }
        return Nd4j.create(m, new long[] {1, n, 1, 1}, like.dataType());
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
