package org.pruneproof.reference.init;

import java.util.Objects;

/**
 * The shape of a network: topology, input dimension d, width N, depth and number of outputs.
 *
 * <p>Layers are numbered from 0; layer l has weights W^l of size fanOut(l) × fanIn(l).
 * <ul>
 *   <li>fully connected, depth L ≥ 1: L weight layers, layer 0 is d → N (N → outputs when L = 1), layers 1..L−2
 *       are N → N, layer L−1 is N → outputs;</li>
 *   <li>ResNet / Stable ResNet, depth L ≥ 1 = number of blocks: layer 0 is the input layer d → N, layers 1..L
 *       are the blocks N → N, layer L+1 is the readout N → outputs (L + 2 weight layers).</li>
 * </ul>
 *
 * @param topology        fully connected, ResNet or Stable ResNet
 * @param inputDimension  d ≥ 1
 * @param width           N ≥ 1
 * @param depth           number of weight layers (fully connected) or of blocks (ResNets), ≥ 1
 * @param outputs         number of outputs (classes) ≥ 1
 */
public record NetworkShape(DenseTopology topology, int inputDimension, int width, int depth, int outputs) {

    public NetworkShape {
        Objects.requireNonNull(topology, "topology");
        if (inputDimension < 1 || width < 1 || depth < 1 || outputs < 1) {
            throw new IllegalArgumentException("input dimension, width, depth and outputs must be ≥ 1, got d="
                    + inputDimension + ", N=" + width + ", depth=" + depth + ", outputs=" + outputs);
        }
    }

    /** A fully connected network of {@code depth} layers. */
    public static NetworkShape fullyConnected(int inputDimension, int width, int depth, int outputs) {
        return new NetworkShape(DenseTopology.FULLY_CONNECTED, inputDimension, width, depth, outputs);
    }

    /** A ResNet (standard or stable) with {@code blocks} fully connected blocks. */
    public static NetworkShape resNet(boolean stable, int inputDimension, int width, int blocks, int outputs) {
        return new NetworkShape(stable ? DenseTopology.STABLE_RESNET : DenseTopology.RESNET, inputDimension, width, blocks, outputs);
    }

    /** The number of weight layers. */
    public int layers() {
        return topology.residual() ? depth + 2 : depth;
    }

    /** Whether layer l is a residual block. */
    public boolean isBlock(int l) {
        return topology.residual() && l >= 1 && l <= depth;
    }

    /** The fan-in v_l of layer l. */
    public int fanIn(int l) {
        checkLayer(l);
        return l == 0 ? inputDimension : width;
    }

    /** The number of rows (outputs) of layer l. */
    public int fanOut(int l) {
        checkLayer(l);
        return l == layers() - 1 ? outputs : width;
    }

    /** M_l = fanIn·fanOut, the number of weights of layer l. */
    public int weightCount(int l) {
        return fanIn(l) * fanOut(l);
    }

    /** M = Σ_l M_l. */
    public long weightCount() {
        long m = 0;
        for (int l = 0; l < layers(); l++) {
            m += weightCount(l);
        }
        return m;
    }

    /** The branch scale a: 1/√L for a Stable ResNet with L blocks, 1 otherwise. */
    public double branchScale() {
        return topology.branchScale(depth);
    }

    /** The same shape with another topology (e.g. a ResNet made stable). */
    public NetworkShape withTopology(DenseTopology a) {
        if (a.residual() != topology.residual()) {
            throw new IllegalArgumentException("cannot turn a " + topology + " into a " + a + ": layer counts differ");
        }
        return new NetworkShape(a, inputDimension, width, depth, outputs);
    }

    private void checkLayer(int l) {
        if (l < 0 || l >= layers()) {
            throw new IndexOutOfBoundsException("layer " + l + " out of range [0, " + layers() + ")");
        }
    }
}
