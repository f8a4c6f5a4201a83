package org.pruneproof.reference.pruning;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Gradients;
import org.pruneproof.reference.init.Network;

/** Pruning scores per layer (row-major, as {@link Mask}): random, magnitude |W| and sensitivity |W ⊙ ∂L/∂W|. */
public final class Scores {

    private Scores() {
    }

    /** MBP: g = |W|. */
    public static double[][] magnitude(Network net) {
        double[][] g = new double[net.layers()][];
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = net.weights()[l];
            g[l] = new double[w.numRows * w.numCols];
            for (int k = 0; k < g[l].length; k++) {
                g[l][k] = Math.abs(w.data[k]);
            }
        }
        return g;
    }

    /** SBP (SNIP): g = |W ⊙ ∂L/∂W|. */
    public static double[][] sensitivity(Network net, Gradients gradients) {
        double[][] g = new double[net.layers()][];
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = net.weights()[l];
            DMatrixRMaj d = gradients.weights()[l];
            if (d.numRows != w.numRows || d.numCols != w.numCols) {
                throw new IllegalArgumentException("gradient of layer " + l + " has the wrong shape");
            }
            g[l] = new double[w.numRows * w.numCols];
            for (int k = 0; k < g[l].length; k++) {
                g[l][k] = Math.abs(w.data[k] * d.data[k]);
            }
        }
        return g;
    }

    /** Random scores, i.i.d. uniform on [0, 1), drawn layer by layer, row-major. */
    public static double[][] random(Network net, SplittableRandom random) {
        double[][] g = new double[net.layers()][];
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = net.weights()[l];
            g[l] = new double[w.numRows * w.numCols];
            for (int k = 0; k < g[l].length; k++) {
                g[l][k] = random.nextDouble();
            }
        }
        return g;
    }
}
