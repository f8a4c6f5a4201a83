package org.pruneproof.scaled.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a pruned fully connected {@link DenseNetwork} by plain mini-batch SGD with its mask fixed:
 * <pre>  W^l ← W^l − η·(δ^l ⊙ ∂L_B/∂W^l),   b^l ← b^l − η·∂L_B/∂b^l,   δ^l = 1[W^l ≠ 0] at the start,</pre>
 * L_B the mean softmax cross-entropy of a mini-batch of B training points, drawn without replacement from a seeded
 * shuffle of all of them, reshuffled every epoch. Pruned weights stay exactly zero. Training stops at the first
 * non-finite batch loss and says so (it never continues silently).
 */
public final class DenseSgd {

    private static final Logger LOG = LoggerFactory.getLogger(DenseSgd.class);

    private DenseSgd() {
    }

    /**
     * The schedule.
     *
     * @param steps        SGD steps
     * @param batch        B
     * @param learningRate η
     * @param seed         seed of the shuffles
     */
    public record Schedule(int steps, int batch, double learningRate, long seed) {
        public Schedule {
            if (steps < 0 || batch < 1 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("need steps ≥ 0, batch ≥ 1 and a finite learning rate > 0, got " + steps
                        + ", " + batch + ", " + learningRate);
            }
        }
    }

    /**
     * The trained network, the loss of every step's batch before its update, and the step whose batch loss was not
     * finite (−1 when none).
     */
    public record Result(DenseNetwork network, double[] losses, int divergedAt) {

        /** Whether training stopped at a non-finite loss. */
        public boolean diverged() {
            return divergedAt >= 0;
        }
    }

    /**
     * Trains a copy of {@code net} (left unchanged) on inputs X (m×d, one point per row) with labels in [0, classes).
     */
    public static Result train(DenseNetwork net, INDArray inputs, int[] labels, Schedule schedule) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(schedule, "schedule");
        int m = (int) inputs.rows();
        if (labels.length != m) {
            throw new IllegalArgumentException("expected " + m + " labels (one per input row), got " + labels.length);
        }
        if (schedule.batch() > m) {
            throw new IllegalArgumentException("batch " + schedule.batch() + " exceeds the " + m + " training points");
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        List<INDArray> masks = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            w.add(net.weight(l).dup());
            b.add(net.bias(l).dup().reshape(net.bias(l).length()));
            masks.add(net.weight(l).neq(0).castTo(net.weight(l).dataType()));
        }
        DenseNetwork work = new DenseNetwork(w, b, net.activation(), net.precision());
        // the batches are gathered on the host: one transfer per step instead of one native copy per row
        int d = (int) inputs.columns();
        double[] host = inputs.dup('c').data().asDouble();
        double[] rowsOfBatch = new double[schedule.batch() * d];
        java.util.SplittableRandom random = new java.util.SplittableRandom(schedule.seed());
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        int next = m;
        double[] losses = new double[schedule.steps()];
        long start = System.nanoTime();
        for (int t = 0; t < schedule.steps(); t++) {
            if (next + schedule.batch() > m) {
                for (int i = m - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                next = 0;
            }
            int[] y = new int[schedule.batch()];
            for (int k = 0; k < y.length; k++) {
                int row = order[next + k];
                y[k] = labels[row];
                System.arraycopy(host, row * d, rowsOfBatch, k * d, d);
            }
            next += schedule.batch();
            INDArray x = org.nd4j.linalg.factory.Nd4j.create(rowsOfBatch, new long[] {schedule.batch(), d},
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            DenseNetwork.LossAndGradients g = work.lossAndGradients(x, y);
            losses[t] = g.loss();
            if (!Double.isFinite(g.loss())) {
                LOG.info("masked SGD stopped at step {}: batch loss {}", t, g.loss());
                return new Result(work, Arrays.copyOf(losses, t + 1), t);
            }
            work.sgdStep(g, masks, schedule.learningRate());
        }
        LOG.debug("masked SGD: {} steps of batch {} on {} layers in {} s", schedule.steps(), schedule.batch(), net.depth(),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
        return new Result(work, losses, -1);
    }

    /** The fraction of rows of X (m×d) whose largest logit is at their label (ties to the lower class). */
    public static double accuracy(DenseNetwork net, INDArray inputs, int[] labels) {
        INDArray logits = net.logits(inputs);
        if (labels.length != logits.rows()) {
            throw new IllegalArgumentException("expected " + logits.rows() + " labels, got " + labels.length);
        }
        double[] z = logits.dup('c').data().asDouble();
        int classes = (int) logits.columns();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (z[i * classes + c] > z[i * classes + best]) {
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
