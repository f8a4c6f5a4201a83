package org.pruneproof.verification.gen;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.pruneproof.reference.init.DenseTopology;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.experiments.Experiments;

/**
 * A small network at initialisation with a batch and a sparsity, for the hard pruning claims. The network and batch
 * are drawn from {@code seed}, so the record is a complete, replayable instance.
 *
 * @param architecture fully_connected, resnet or stable_resnet
 * @param activation   relu, tanh or elu
 * @param inputDim     d
 * @param width        N
 * @param depth        layers (fully connected) or blocks (ResNets)
 * @param outputs      classes
 * @param batch        B
 * @param sigmaB       σ_b
 * @param sigmaW       σ_w
 * @param sparsity     s
 * @param seed         seed of weights, batch and labels
 */
public record NetInstance(String architecture, String activation, int inputDim, int width, int depth, int outputs,
                          int batch, double sigmaB, double sigmaW, double sparsity, long seed) {

    /** The network at initialisation (drawn first from the seed). */
    public Network network() {
        return Network.initialise(shape(), Activations.byName(activation), sigmaB, sigmaW, new SplittableRandom(seed));
    }

    public NetworkShape shape() {
        return new NetworkShape(DenseTopology.valueOf(architecture.toUpperCase(java.util.Locale.ROOT)), inputDim, width, depth, outputs);
    }

    /** The batch, drawn from a stream derived from the seed (independent of the weights). */
    public Experiments.Batch data() {
        return Experiments.Batch.gaussian(new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L), inputDim, batch, outputs);
    }

    /** Random small fully connected (or, if {@code residual}, ResNet) instances, sizes growing with the size parameter. */
    public static Gen<NetInstance> generator(boolean residualAllowed) {
        return (r, size) -> {
            String arch = !residualAllowed ? "fully_connected" : new String[] {"fully_connected", "resnet", "stable_resnet"}[r.nextInt(3)];
            String act = new String[] {"relu", "tanh", "elu"}[r.nextInt(3)];
            int upper = Gens.sizedUpper(2, 24, size);
            double s = r.nextInt(10) == 0 ? new double[] {0, 0.5, 0.99, 1}[r.nextInt(4)] : r.nextDouble();
            return new NetInstance(arch, act, 1 + r.nextInt(upper), 1 + r.nextInt(upper), 1 + r.nextInt(Gens.sizedUpper(1, 8, size)),
                    1 + r.nextInt(Math.min(upper, 10)), 1 + r.nextInt(8), r.nextDouble(), 0.2 + 2.8 * r.nextDouble(), s, r.nextLong());
        };
    }

    /** Smaller networks first: fewer layers, narrower, fewer inputs, outputs and points, then simpler σ's. */
    public static Shrinker<NetInstance> shrinker() {
        return v -> Stream.of(
                v.depth > 1 ? v.with(v.depth - 1, v.width, v.inputDim, v.outputs, v.batch) : null,
                v.width > 1 ? v.with(v.depth, v.width / 2, v.inputDim, v.outputs, v.batch) : null,
                v.width > 1 ? v.with(v.depth, v.width - 1, v.inputDim, v.outputs, v.batch) : null,
                v.inputDim > 1 ? v.with(v.depth, v.width, v.inputDim / 2, v.outputs, v.batch) : null,
                v.outputs > 1 ? v.with(v.depth, v.width, v.inputDim, v.outputs - 1, v.batch) : null,
                v.batch > 1 ? v.with(v.depth, v.width, v.inputDim, v.outputs, v.batch - 1) : null,
                v.sigmaB != 0 ? new NetInstance(v.architecture, v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch, 0, v.sigmaW, v.sparsity, v.seed) : null,
                v.sigmaW != 1 ? new NetInstance(v.architecture, v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch, v.sigmaB, 1, v.sparsity, v.seed) : null,
                v.sparsity != 0.5 ? new NetInstance(v.architecture, v.activation, v.inputDim, v.width, v.depth, v.outputs, v.batch, v.sigmaB, v.sigmaW, 0.5, v.seed) : null).filter(java.util.Objects::nonNull);
    }

    private NetInstance with(int d, int n, int in, int out, int b) {
        return new NetInstance(architecture, activation, in, n, d, out, b, sigmaB, sigmaW, sparsity, seed);
    }
}
