package org.pruneproof.scaled.training;

import java.io.PrintWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * A network's accuracy on an ordered image set, batch norm in inference mode (running statistics):
 * <pre>  top-k = (1/N)·#{i : #{j : z_ij > z_iy_i} < k},   loss = (1/N)·Σ_i (log Σ_j e^{z_ij} − z_iy_i)</pre>
 * with z_i the logits of image i (a tie with the true class counts in its favour), computed in double
 * precision from the float logits; k = 5 or the class count if smaller.
 *
 * @param images  N
 * @param top1    fraction of images whose true class has the largest logit
 * @param top5    fraction whose true class is among the 5 largest
 * @param loss    mean softmax cross-entropy
 * @param logits  N × classes, row-major, in the set's order
 * @param classes the number of classes (columns of the logits)
 */
public record Evaluation(int images, double top1, double top5, double loss, float[] logits, int classes) {

    /** Evaluates every image of {@code data} in order, {@code batch} at a time. */
    public static Evaluation of(NetworkWeights weights, LabelledSet data, int batch, PrintWriter terminal) {
        int classes = weights.architecture().classes();
        if (data.classes() > classes) {
            throw new IllegalArgumentException("the data has " + data.classes() + " classes, the network only " + classes);
        }
        try (NetworkGraph g = NetworkGraph.build(weights, NetworkGraph.Mode.INFERENCE)) {
            return of(g, data, batch, terminal);
        }
    }

    private static Evaluation of(NetworkGraph g, LabelledSet data, int batch, PrintWriter terminal) {
        NetworkWeights weights = g.weights();
        int n = data.imageCount();
        int classes = weights.architecture().classes();
        float[] logits = new float[Math.multiplyExact(n, classes)];
        int[] labels = new int[n];
        Progress progress = new Progress("evaluate", n, terminal);
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            ImageBatch b = data.range(from, count);
            INDArray images = b.images().castTo(weights.dataType());
            INDArray z = g.logits(images).castTo(DataType.FLOAT);
            System.arraycopy(z.data().asFloat(), 0, logits, from * classes, count * classes);
            System.arraycopy(b.labels(), 0, labels, from, count);
            // the pass's arrays and the batch: closed now, not when the GC finds them
            g.closePassArrays();
            OwnedArrays.closeAll(z, images, b.images());
            progress.advance(count);
        }
        return score(logits, labels, classes);
    }

    /** The scores of given logits (N × classes, row-major) and labels. */
    public static Evaluation score(float[] logits, int[] labels, int classes) {
        int n = labels.length;
        int k = Math.min(5, classes);
        long top1 = 0;
        long topk = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            double zy = logits[o + labels[i]];
            int above = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                above += logits[o + j] > zy ? 1 : 0;
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[o + j] - max);
            }
            loss += max + Math.log(sum) - zy;
            top1 += above < 1 ? 1 : 0;
            topk += above < k ? 1 : 0;
        }
        return new Evaluation(n, (double) top1 / n, (double) topk / n, loss / n, logits, classes);
    }
}
