package org.pruneproof.scaled.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores of pruning at initialisation (Hayou et al. 2021 §3; issue 6), one per weight, per layer as
 * a row-major double array:
 * <ul>
 *   <li>magnitude (MBP): g = |W|;</li>
 *   <li>SNIP (SBP): g = |W ⊙ ∂loss/∂W| on one batch;</li>
 *   <li>random: i.i.d. uniform [0, 1) scores from {@code SplittableRandom(seed).nextDouble()}, drawn
 *       layer by layer, row-major, so that keeping the largest gives a uniformly random mask.</li>
 * </ul>
 */
public final class PruningScores {

    private PruningScores() {
    }

    /** |W^l| for every layer. */
    public static List<double[]> magnitude(DenseNetwork net) {
        List<double[]> out = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            out.add(Transforms.abs(net.weight(l), true).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble());
        }
        return out;
    }

    /** |W^l ⊙ ∂loss/∂W^l| on the batch (inputs B×d, integer labels). */
    public static List<double[]> snip(DenseNetwork net, INDArray inputs, int[] labels) {
        DenseNetwork.LossAndGradients lg = net.lossAndGradients(inputs, labels);
        List<double[]> out = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            INDArray g = lg.weightGradients().get(l - 1).dup('c');
            out.add(Transforms.abs(g.muli(net.weight(l)), false)
                    .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble());
        }
        return out;
    }

    /** Uniform random scores, layer by layer, row-major, from the seeded source. */
    public static List<double[]> random(DenseNetwork net, SplittableRandom random) {
        List<double[]> out = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            double[] s = new double[(int) net.weight(l).length()];
            for (int k = 0; k < s.length; k++) {
                s[k] = random.nextDouble();
            }
            out.add(s);
        }
        return out;
    }
}
