package org.pruneproof.reference.init;

import java.util.Objects;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.random.GaussianDraws;

/**
 * A fully connected network, ResNet or Stable ResNet (see {@link DenseTopology}, {@link NetworkShape}) with its
 * weights and biases. At initialisation W^l_ij ~ N(0, σ_w²/v_l) with v_l the fan-in, and b^l_i ~ N(0, σ_b²)
 * (docs/theory/hayou2021.md).
 *
 * @param shape      topology and sizes
 * @param activation φ
 * @param sigmaB     σ_b used at initialisation (and by the rescaling trick)
 * @param sigmaW     σ_w used at initialisation (and by the rescaling trick)
 * @param weights    W^l, fanOut(l) × fanIn(l), for each layer l
 * @param biases     b^l, length fanOut(l), for each layer l
 */
public record Network(NetworkShape shape, Activation activation, double sigmaB, double sigmaW,
                      DMatrixRMaj[] weights, double[][] biases) {

    public Network {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        if (weights.length != shape.layers() || biases.length != shape.layers()) {
            throw new IllegalArgumentException("expected " + shape.layers() + " layers of weights and biases, got "
                    + weights.length + " and " + biases.length);
        }
        for (int l = 0; l < shape.layers(); l++) {
            if (weights[l].numRows != shape.fanOut(l) || weights[l].numCols != shape.fanIn(l)) {
                throw new IllegalArgumentException("weights of layer " + l + ": expected " + shape.fanOut(l) + "×"
                        + shape.fanIn(l) + ", got " + weights[l].numRows + "×" + weights[l].numCols);
            }
            if (biases[l].length != shape.fanOut(l)) {
                throw new IllegalArgumentException("biases of layer " + l + ": expected length " + shape.fanOut(l)
                        + ", got " + biases[l].length);
            }
        }
    }

    /**
     * A network at initialisation: for each layer in order, the weights row by row from N(0, σ_w²/v_l), then the
     * biases from N(0, σ_b²), all drawn from {@code random}.
     */
    public static Network initialise(NetworkShape shape, Activation activation, double sigmaB, double sigmaW,
                                     SplittableRandom random) {
        if (!(sigmaB >= 0) || !(sigmaW > 0)) {
            throw new IllegalArgumentException("need sigma_b ≥ 0 and sigma_w > 0, got " + sigmaB + ", " + sigmaW);
        }
        int layers = shape.layers();
        DMatrixRMaj[] w = new DMatrixRMaj[layers];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = GaussianMatrices.of(random, shape.fanOut(l), shape.fanIn(l), sigmaW / Math.sqrt(shape.fanIn(l)));
            b[l] = new double[shape.fanOut(l)];
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = sigmaB * GaussianDraws.standard(random);
            }
        }
        return new Network(shape, activation, sigmaB, sigmaW, w, b);
    }

    /** The number of weight layers. */
    public int layers() {
        return shape.layers();
    }

    /** The same network with other weights (same shapes); the matrices are used as given. */
    public Network withWeights(DMatrixRMaj[] newWeights) {
        return new Network(shape, activation, sigmaB, sigmaW, newWeights, biases);
    }

    /** The same weights under another residual scaling (a ResNet made Stable, or back). */
    public Network withTopology(DenseTopology topology) {
        return new Network(shape.withTopology(topology), activation, sigmaB, sigmaW, weights, biases);
    }

    /** A deep copy of the weights. */
    public DMatrixRMaj[] copyWeights() {
        DMatrixRMaj[] out = new DMatrixRMaj[weights.length];
        for (int l = 0; l < weights.length; l++) {
            out[l] = weights[l].copy();
        }
        return out;
    }
}
