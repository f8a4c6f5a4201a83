package org.pruneproof.scaled.training;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.data.Shuffles;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.Safetensors;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: E epochs over a {@link LabelledSet}, each a seeded random permutation cut into mini-batches of
 * B (the last one smaller), optionally augmented ({@link Augmentation}), one {@link Sgd} step per batch on the mean
 * softmax cross-entropy with batch norm in training mode. After each batch every batch norm's running statistics
 * are updated as PyTorch does (momentum 0.1, unbiased variance):
 * <pre>  running_mean ← 0.9·running_mean + 0.1·μ_B,   running_var ← 0.9·running_var + 0.1·σ²_B·n/(n−1),   n = B·H·W</pre>
 * After each epoch the held-out set is evaluated ({@link Evaluation}, inference mode) and a checkpoint is written
 * atomically (one safetensors file: weights, running statistics, momentum buffers, the epoch and the metrics so far).
 *
 * <p>Epoch e draws its permutation and augmentation from {@code SplittableRandom(seed ⊕ 0x9E3779B97F4A7C15·(e+1))}, so
 * a run resumed from the checkpoint of epoch k repeats exactly the arithmetic of an uninterrupted run: with the same
 * seed and thread count, the final weights are bit-identical. When {@code zerosFixed}, every convolution and linear
 * weight that is zero at the start stays zero (the mask of unstructured pruning).
 */
public final class Training {

    private static final Logger LOG = LoggerFactory.getLogger(Training.class);
    /** PyTorch's batch-norm momentum. */
    public static final double BN_MOMENTUM = 0.1;
    private static final String WEIGHT = "weights/";
    private static final String VELOCITY = "velocity/";

    private Training() {
    }

    /**
     * @param stopAfter stop after this many completed epochs (an interruption, for tests and staged runs); ≥ epochs to finish
     */
    public record Options(int epochs, int batch, double learningRate, double momentum, double weightDecay, Schedule schedule,
                          long seed, boolean augment, int evaluationBatch, int stopAfter) {
        public Options {
            if (epochs < 1 || batch < 1 || evaluationBatch < 1 || stopAfter < 1) {
                throw new IllegalArgumentException("epochs, batch, evaluation batch and stopAfter must be ≥ 1");
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
        }

        /** What a checkpoint must agree with to be resumed. */
        String fingerprint() {
            return String.format(Locale.ROOT, "epochs=%d batch=%d lr=%s momentum=%s wd=%s schedule=%s seed=%d augment=%s",
                    epochs, batch, learningRate, momentum, weightDecay, schedule, seed, augment);
        }
    }

    /** One row of metrics.csv. */
    public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainTop1, double heldOutTop1,
                               double heldOutLoss, double seconds) {
        /** The CSV header. */
        public static final String HEADER = "epoch,lr,train_loss,train_top1,heldout_top1,heldout_loss,seconds";

        String csv() {
            return epoch + "," + learningRate + "," + trainLoss + "," + trainTop1 + "," + heldOutTop1 + "," + heldOutLoss + ","
                    + seconds;
        }

        static EpochMetrics parse(String line) {
            String[] f = line.split(",");
            return new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
        }
    }

    /** The metrics of every completed epoch and whether all epochs ran. */
    public record Result(List<EpochMetrics> metrics, boolean complete) {
        /** metrics.csv's text. */
        public String csv() {
            StringBuilder s = new StringBuilder(EpochMetrics.HEADER).append('\n');
            metrics.forEach(m -> s.append(m.csv()).append('\n'));
            return s.toString();
        }
    }

    /**
     * Trains {@code weights} in place.
     *
     * @param heldOut    evaluated after each epoch, or null
     * @param checkpoint the checkpoint file, written after each epoch (null: none)
     * @param resume     continue from {@code checkpoint} when it exists
     * @param terminal   where to draw progress, or null for log lines
     */
    public static Result run(NetworkWeights weights, LabelledSet train, LabelledSet heldOut, Options o, boolean zerosFixed,
                             Path checkpoint, boolean resume, String fingerprint, PrintWriter terminal) {
        String print = fingerprint + " " + o.fingerprint();
        Sgd sgd = new Sgd(o.momentum(), o.weightDecay());
        List<EpochMetrics> metrics = new ArrayList<>();
        int start = 0;
        if (resume && checkpoint != null && Files.isRegularFile(checkpoint)) {
            start = restore(checkpoint, weights, sgd, metrics, print);
            LOG.info("resumed from {} after epoch {}", checkpoint, start);
        } else if (resume) {
            LOG.warn("--resume: no checkpoint at {}; starting from epoch 1", checkpoint);
        }
        Map<String, INDArray> masks = new HashMap<>();
        if (zerosFixed) {
            for (ParameterSpec p : weights.prunable()) {
                INDArray w = weights.get(p.name());
                masks.put(p.name(), w.neq(0).castTo(w.dataType()));
            }
        }
        // the hand-built pass of custom ops by default, the SameDiff graph under -Dpruneproof.pass=samediff
        boolean custom = NetworkPass.preferred();
        NetworkGraph g = custom ? null : NetworkGraph.build(weights, NetworkGraph.Mode.TRAINING);
        NetworkPass pass = custom ? NetworkPass.build(weights, NetworkGraph.Mode.TRAINING) : null;
        int n = train.imageCount();
        for (int e = start; e < Math.min(o.epochs(), o.stopAfter()); e++) {
            long t0 = System.nanoTime();
            double rate = o.schedule().rate(o.learningRate(), e, o.epochs());
            SplittableRandom random = new SplittableRandom(o.seed() ^ (0x9E3779B97F4A7C15L * (e + 1)));
            int[] order = Shuffles.permutation(n, random);
            double lossSum = 0;
            long correct = 0;
            Progress progress = new Progress(String.format(Locale.ROOT, "epoch %d/%d", e + 1, o.epochs()), n, terminal);
            for (int from = 0; from < n; from += o.batch()) {
                int count = Math.min(o.batch(), n - from);
                int[] idx = java.util.Arrays.copyOfRange(order, from, from + count);
                ImageBatch b = train.batch(idx);
                INDArray cast = b.images().castTo(weights.dataType());
                INDArray images = o.augment() ? Augmentation.cropAndFlip(cast, random) : cast;
                StepResult out = custom ? passStep(pass, images, b.labels(), sgd, rate, masks, "epoch " + (e + 1))
                        : batchStep(g, images, b.labels(), sgd, rate, masks, "epoch " + (e + 1));
                lossSum += out.loss() * count;
                correct += out.correct();
                // the batch's arrays are this step's own: closed now rather than when the GC finds them
                OwnedArrays.closeAll(images, cast, b.images());
                progress.advance(count);
            }
            Evaluation held = heldOut == null ? null : Evaluation.of(weights, heldOut, o.evaluationBatch(), null);
            EpochMetrics m = new EpochMetrics(e + 1, rate, lossSum / n, (double) correct / n,
                    held == null ? Double.NaN : held.top1(), held == null ? Double.NaN : held.loss(), (System.nanoTime() - t0) / 1e9);
            metrics.add(m);
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d: lr %.4g, train loss %.4f, train top-1 %.4f, held-out top-1 %.4f,"
                    + " loss %.4f (%.0f s)", m.epoch(), o.epochs(), rate, m.trainLoss(), m.trainTop1(), m.heldOutTop1(),
                    m.heldOutLoss(), m.seconds()));
            if (checkpoint != null) {
                save(checkpoint, weights, sgd, metrics, print);
            }
        }
        if (g != null) {
            g.close();
        } else {
            pass.close();
        }
        return new Result(List.copyOf(metrics), metrics.size() >= o.epochs());
    }

    /** What a training step reports: the batch's loss before the update and how many of its images were top-1 right. */
    record StepResult(double loss, long correct) {
    }

    /**
     * One SGD step of the hand-built pass ({@link NetworkPass}, training mode) on a batch: the loss, the top-1 count and
     * the gradients from one forward and one backward pass, the batch norms' running statistics updated, then the
     * update. The pass reuses its arrays, so a step allocates no activations after the first.
     */
    static StepResult passStep(NetworkPass p, INDArray images, int[] labels, Sgd sgd, double rate, Map<String, INDArray> masks,
                               String where) {
        NetworkWeights weights = p.weights();
        NetworkPass.Result r = p.lossAndGradients(images, labels);
        double loss = r.loss();
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "training diverged in %s: the loss is %s (lower --lr)",
                    where, loss));
        }
        long right = labels == null ? 0 : correct(r.logits(), labels);
        Map<String, INDArray> out = new HashMap<>();
        p.batchStatistics().forEach((k, v) -> {
            out.put(k + NetworkGraph.BATCH_MEAN, v[0]);
            out.put(k + NetworkGraph.BATCH_VARIANCE, v[1]);
        });
        updateRunningStatistics(weights, p.batchNorms(), out, images);
        for (String name : p.trainableParameters()) {
            sgd.step(name, weights.get(name), r.gradients().get(name), rate, masks.get(name));
        }
        org.pruneproof.scaled.NativeMemory.collectIfGrown();
        return new StepResult(loss, right);
    }

    /**
     * {@link #step} on a batch of images and labels (the one-hot labels made here and closed after the step): one step of
     * the training loop.
     */
    static StepResult batchStep(NetworkGraph g, INDArray images, int[] labels, Sgd sgd, double rate, Map<String, INDArray> masks,
                                String where) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("input", images);
        INDArray oneHot = NetworkGraph.oneHot(labels, g.weights().architecture().classes(), g.weights().dataType());
        feed.put("labels", oneHot);
        try {
            return step(g, feed, images, labels, sgd, rate, masks, where);
        } finally {
            OwnedArrays.closeAll(oneHot);
        }
    }

    /**
     * One SGD step of a training-mode graph on one fed batch, the batch norms' running statistics updated; every array
     * of the pass is closed before it returns ({@link NetworkGraph#closePassArrays}), so a step's memory does not wait
     * for the garbage collector.
     */
    static StepResult step(NetworkGraph g, Map<String, INDArray> feed, INDArray images, int[] labels, Sgd sgd, double rate,
                           Map<String, INDArray> masks, String where) {
        NetworkWeights weights = g.weights();
        List<String> outputs = new ArrayList<>(List.of("loss", "logits"));
        for (Layer.BatchNorm bn : g.batchNormsWithStatistics()) {
            outputs.add(bn.name() + NetworkGraph.BATCH_MEAN);
            outputs.add(bn.name() + NetworkGraph.BATCH_VARIANCE);
        }
        List<String> trainable = g.trainableParameters();
        try {
            OutAndGrad r = g.outputsAndGradients(feed, outputs, trainable);
            Map<String, INDArray> out = r.getOutputs();
            double loss = out.get("loss").getDouble(0);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "training diverged in %s: the loss is %s (lower --lr)",
                        where, loss));
            }
            long right = labels == null ? 0 : correct(out.get("logits"), labels);
            updateRunningStatistics(weights, g.batchNormsWithStatistics(), out, images);
            for (String p : trainable) {
                sgd.step(p, weights.get(p), r.getGradients().get(p), rate, masks.get(p));
            }
            return new StepResult(loss, right);
        } finally {
            g.closePassArrays();
        }
    }

    /**
     * Ye et al.'s fine-tuning between layers: {@code steps} SGD steps (momentum μ, weight decay λ, rate η) of the network
     * with channel masks on the inputs of the given consumer convolutions (channel → scale; 0 removes it), batch norm in
     * training mode with its running statistics updated, on fresh batches of {@code data}. Updates the weights in place
     * and returns each step's loss.
     */
    public static double[] maskedSteps(NetworkWeights weights, org.pruneproof.scaled.data.BatchSource data,
                                       Map<String, double[]> consumerMasks, int steps, int batch, double rate, double momentum,
                                       double weightDecay) {
        NetworkGraph g = NetworkGraph.masked(weights, 1, consumerMasks.keySet());
        Sgd sgd = new Sgd(momentum, weightDecay);
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            ImageBatch b = data.next(batch);
            INDArray images = b.images().castTo(weights.dataType());
            Map<String, INDArray> masks = new HashMap<>();
            consumerMasks.forEach((k, m) -> {
                double[] rows = new double[b.size() * m.length];
                for (int i = 0; i < b.size(); i++) {
                    System.arraycopy(m, 0, rows, i * m.length, m.length);
                }
                masks.put(k, Nd4j.create(rows, new long[] {b.size(), m.length}, DataType.DOUBLE).castTo(weights.dataType()));
            });
            Map<String, INDArray> feed = g.trainingFeed(images, b.labels(), masks);
            losses[t] = step(g, feed, images, null, sgd, rate, Map.of(), "fine-tuning between layers").loss();
            OwnedArrays.closeAll(feed.get("labels"), images, b.images());
            masks.values().forEach(OwnedArrays::closeAll);
        }
        g.close();
        return losses;
    }

    private static long correct(INDArray logits, int[] labels) {
        float[] z = logits.castTo(DataType.FLOAT).data().asFloat();
        int c = z.length / labels.length;
        long k = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (z[i * c + j] > z[i * c + best]) {
                    best = j;
                }
            }
            k += best == labels[i] ? 1 : 0;
        }
        return k;
    }

    private static void updateRunningStatistics(NetworkWeights w, List<Layer.BatchNorm> bns, Map<String, INDArray> out,
                                                INDArray images) {
        for (Layer.BatchNorm bn : bns) {
            INDArray mean = out.get(bn.name() + NetworkGraph.BATCH_MEAN).reshape(bn.channels());
            INDArray var = out.get(bn.name() + NetworkGraph.BATCH_VARIANCE).reshape(bn.channels());
            long perChannel = images.size(0) * spatial(w, bn);
            double unbiased = perChannel > 1 ? (double) perChannel / (perChannel - 1) : 1;
            INDArray rm = w.get(bn.name() + ".running_mean");
            INDArray rv = w.get(bn.name() + ".running_var");
            INDArray meanStep = mean.castTo(rm.dataType()).mul(BN_MOMENTUM);
            INDArray varStep = var.castTo(rv.dataType()).mul(BN_MOMENTUM * unbiased);
            rm.muli(1 - BN_MOMENTUM).addi(meanStep);
            rv.muli(1 - BN_MOMENTUM).addi(varStep);
            OwnedArrays.closeAll(meanStep, varStep);
        }
    }

    /** H·W at a batch norm's input (per image). */
    private static long spatial(NetworkWeights w, Layer.BatchNorm bn) {
        long[] hw = {0};
        org.pruneproof.nets.Architecture a = w.architecture();
        org.pruneproof.nets.Architecture.walk(a.layers(), new int[] {a.inputChannels(), a.inputSize(), a.inputSize()},
                (l, in, o) -> {
                    if (l == bn) {
                        hw[0] = in.length == 3 ? (long) in[1] * in[2] : 1;
                    }
                });
        return hw[0];
    }

    private static void save(Path file, NetworkWeights w, Sgd sgd, List<EpochMetrics> metrics, String print) {
        Map<String, NpyArray> t = new LinkedHashMap<>();
        w.arrays().forEach((k, v) -> t.put(WEIGHT + k, NpyArray.of(v)));
        sgd.velocity().forEach((k, v) -> t.put(VELOCITY + k, NpyArray.of(v)));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pruneproof.epoch", Integer.toString(metrics.size() == 0 ? 0 : metrics.get(metrics.size() - 1).epoch()));
        meta.put("pruneproof.metrics", String.join(";", metrics.stream().map(EpochMetrics::csv).toList()));
        meta.put("pruneproof.run", print);
        Safetensors.write(file, t, meta);
    }

    private static int restore(Path file, NetworkWeights w, Sgd sgd, List<EpochMetrics> metrics, String print) {
        Safetensors.Contents c = Safetensors.readWithMetadata(file);
        String saved = c.metadata().get("pruneproof.run");
        if (!print.equals(saved)) {
            throw new IllegalArgumentException(file + ": the checkpoint is of another run (" + saved + "), not of this one ("
                    + print + "); remove it or give the same options");
        }
        for (Map.Entry<String, NpyArray> e : c.tensors().entrySet()) {
            String k = e.getKey();
            INDArray a = toArray(e.getValue());
            if (k.startsWith(WEIGHT)) {
                w.get(k.substring(WEIGHT.length())).assign(a.castTo(w.dataType()));
            } else if (k.startsWith(VELOCITY)) {
                sgd.velocity().put(k.substring(VELOCITY.length()), a.castTo(w.dataType()));
            }
        }
        String rows = c.metadata().getOrDefault("pruneproof.metrics", "");
        for (String r : rows.isEmpty() ? new String[0] : rows.split(";")) {
            metrics.add(EpochMetrics.parse(r));
        }
        return Integer.parseInt(c.metadata().getOrDefault("pruneproof.epoch", "0"));
    }

    private static INDArray toArray(NpyArray a) {
        if (a.type() == org.pruneproof.scaled.io.NpyType.FLOAT32) {
            float[] v = new float[(int) a.size()];
            a.bytes().asFloatBuffer().get(v);
            return Nd4j.create(v, a.shape(), DataType.FLOAT);
        }
        return Nd4j.create(a.toDoubles(), a.shape(), DataType.DOUBLE);
    }
}
