package org.pruneproof.scaled.pruning.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning.GroupResult;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning.Options;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning.Stop;

/**
 * Mode (a) of {@link GreedyChannelPruning}, Ye et al.'s released algorithm (docs/theory/ye2020.md), on one
 * channel group of a masked network ({@link NetworkGraph#masked}): the other groups are held at their
 * current masks, and this group's consumer sees the subnetwork average {@code N/|S|} on the selected
 * channels S and 0 elsewhere.
 *
 * <p>Step n draws a fresh mini-batch and up to {@code candidates} random unselected channels; each
 * candidate c is scored by the mean cross-entropy of the network with S ∪ {c} on that batch (the
 * candidates are evaluated {@code candidatesPerPass} at a time, as copies of the network in one
 * forward pass), and the lowest loss is accepted (strict {@code <} in draw order: the earlier
 * candidate wins ties). The layer then stops
 * <ul>
 *   <li>{@link Stop#ACCURACY} (the authors' rule): if the accepted subnetwork's top-1 on the step's
 *       batch is at least {@code (1 − preCheck)·top1₀}, top-1 is measured on the fixed evaluation set
 *       and the layer stops when it is at least {@code (1 − tolerance)·top1₀}; top1₀ is the evaluation
 *       set's top-1 before this layer was pruned (the authors: preCheck 0.05, tolerance 0.02, the
 *       evaluation set every 200th training image);</li>
 *   <li>{@link Stop#LOSS}: when {@code L(S) ≤ (1 + tolerance)·L(full layer)} on the step's batch.</li>
 * </ul>
 * and in any case at the cap of {@code maxKeptFraction·N} channels.
 */
final class LossGreedy {

    private final NetworkGraph single;
    private final NetworkGraph batched;
    private final Map<String, double[]> masks;
    private final List<ImageBatch> evaluationSet;
    private final Options o;
    private final DataType type;
    /** Top-1 on the evaluation set of the network at its current masks, NaN when not known. */
    private double knownTop1 = Double.NaN;

    /**
     * @param single        masked graph with one copy
     * @param batched       masked graph with {@code candidatesPerPass} copies (may be {@code single})
     * @param masks         the live masks of every group's consumer; the caller updates them after each group
     * @param evaluationSet the fixed batches of the accuracy rule (empty for the loss rule)
     */
    LossGreedy(NetworkGraph single, NetworkGraph batched, Map<String, double[]> masks, List<ImageBatch> evaluationSet, Options o) {
        this.single = single;
        this.batched = batched;
        this.masks = masks;
        this.evaluationSet = List.copyOf(evaluationSet);
        this.o = o;
        this.type = single.weights().dataType();
    }

    /** Mean cross-entropy and top-1 of each of several networks on one batch. */
    record Scores(double[] loss, double[] top1) {
    }

    GroupResult prune(ChannelGroup g, BatchSource data, SplittableRandom random) {
        int n = g.channels();
        int maxSteps = GreedyChannelPruning.cap(n, o.maxKeptFraction());
        double[] fullMask = new double[n];
        Arrays.fill(fullMask, 1);
        double top1Start = Double.NaN;
        if (o.stop() == Stop.ACCURACY) {
            top1Start = Double.isNaN(knownTop1) ? evaluationTop1(g.consumer(), fullMask) : knownTop1;
        }
        List<Integer> selected = new ArrayList<>();
        boolean[] used = new boolean[n];
        double startLoss = Double.NaN;
        double endLoss = Double.NaN;
        double top1End = Double.NaN;
        String stoppedBy = "cap";
        for (int step = 1; step <= maxSteps; step++) {
            ImageBatch batch = data.next(o.batch());
            int[] cands = GreedyChannelPruning.candidates(used, o.candidates(), random);
            boolean withFull = step == 1 || o.stop() == Stop.LOSS;
            List<double[]> trial = new ArrayList<>();
            if (withFull) {
                trial.add(fullMask);
            }
            for (int c : cands) {
                selected.add(c);
                trial.add(mask(selected, n));
                selected.remove(selected.size() - 1);
            }
            Scores s = evaluate(g.consumer(), trial, batch);
            int offset = withFull ? 1 : 0;
            if (step == 1) {
                startLoss = s.loss()[0];
            }
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int i = 0; i < cands.length; i++) {
                if (s.loss()[offset + i] < bestLoss) {
                    bestLoss = s.loss()[offset + i];
                    best = i;
                }
            }
            if (best < 0) {
                throw new ArithmeticException("greedy " + g.consumer() + ": every candidate's loss is NaN at step " + step);
            }
            selected.add(cands[best]);
            used[cands[best]] = true;
            endLoss = bestLoss;
            knownTop1 = Double.NaN;
            if (o.stop() == Stop.LOSS) {
                if (bestLoss <= (1 + o.tolerance()) * s.loss()[0]) {
                    stoppedBy = "loss";
                    break;
                }
            } else if (s.top1()[offset + best] >= (1 - o.preCheck()) * top1Start) {
                top1End = evaluationTop1(g.consumer(), mask(selected, n));
                knownTop1 = top1End;
                if (top1End >= (1 - o.tolerance()) * top1Start) {
                    stoppedBy = "accuracy";
                    break;
                }
            }
        }
        GroupResult r = GreedyChannelPruning.withScales(g, selected.stream().mapToInt(Integer::intValue).toArray(), startLoss, endLoss);
        return r.with(top1Start, top1End, stoppedBy);
    }

    /** Top-1 on the evaluation set with this group's consumer at the given mask. */
    private double evaluationTop1(String consumer, double[] groupMask) {
        double correct = 0;
        int count = 0;
        for (ImageBatch b : evaluationSet) {
            correct += evaluate(consumer, List.of(groupMask), b).top1()[0] * b.size();
            count += b.size();
        }
        return correct / count;
    }

    /** [1, N] multiplier: N/|S| on the selected channels, 0 elsewhere. */
    static double[] mask(List<Integer> selected, int n) {
        double[] m = new double[n];
        for (int c : selected) {
            m[c] += (double) n / selected.size();
        }
        return m;
    }

    /**
     * Scores the network with this group's consumer at each of the given masks (the others at their
     * current masks) on one batch: one forward pass per {@code R} masks, the last pass padded by
     * repeating its last mask.
     */
    Scores evaluate(String consumer, List<double[]> groupMasks, ImageBatch batch) {
        int k = groupMasks.size();
        NetworkGraph graph = k == 1 ? single : batched;
        int r = graph.replicas();
        int b = batch.size();
        int[] labels = batch.labels();
        double[] loss = new double[k];
        double[] top1 = new double[k];
        INDArray images = batch.images();
        if (r > 1) {
            INDArray[] copies = new INDArray[r];
            Arrays.fill(copies, images);
            images = Nd4j.concat(0, copies);
        }
        for (int start = 0; start < k; start += r) {
            Map<String, INDArray> feed = new HashMap<>();
            for (Map.Entry<String, double[]> e : masks.entrySet()) {
                int ch = e.getValue().length;
                double[] rows = new double[r * b * ch];
                for (int rep = 0; rep < r; rep++) {
                    double[] m = e.getKey().equals(consumer) ? groupMasks.get(Math.min(start + rep, k - 1)) : e.getValue();
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(m, 0, rows, (rep * b + i) * ch, ch);
                    }
                }
                feed.put(e.getKey(), Nd4j.create(rows, new long[] {(long) r * b, ch}, DataType.DOUBLE).castTo(type));
            }
            double[][] logits = graph.logits(images, feed).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int rep = 0; rep < r && start + rep < k; rep++) {
                double l = 0;
                int correct = 0;
                for (int i = 0; i < b; i++) {
                    double[] z = logits[rep * b + i];
                    l += crossEntropy(z, labels[i]);
                    correct += argmax(z) == labels[i] ? 1 : 0;
                }
                loss[start + rep] = l / b;
                top1[start + rep] = (double) correct / b;
            }
        }
        return new Scores(loss, top1);
    }

    /** −log softmax(z)_y = log Σ_j exp(z_j) − z_y, computed stably. */
    static double crossEntropy(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - z[y];
    }

    /** The first index of the largest entry (the predicted class). */
    static int argmax(double[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }
}
