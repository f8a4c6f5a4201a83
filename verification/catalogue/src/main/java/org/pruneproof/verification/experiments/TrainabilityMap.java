package org.pruneproof.verification.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.data.ImageInputs;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.scaled.pruning.DensePruningResult;
import org.pruneproof.scaled.pruning.DenseSgd;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.verification.plantedbugs.ScaledDensePruner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hayou et al.'s trainability map on real images: deep tanh fully connected nets initialised on the Edge of Chaos are
 * pruned at initialisation by each method (one global threshold; SBP-SR rescales every kept row to squared norm σ_w²),
 * trained with their mask fixed by mini-batch SGD ({@link DenseSgd}) on a Fashion-MNIST training subset, and scored by
 * their accuracy on held-out images of the same file. For one seed every method and sparsity prunes the same
 * initialisation of each depth, so the methods are compared in pairs.
 */
public final class TrainabilityMap {

    private static final Logger LOG = LoggerFactory.getLogger(TrainabilityMap.class);

    private TrainabilityMap() {
    }

    /**
     * The setting.
     *
     * @param depths       numbers of weight layers L (the last width → 10)
     * @param sparsities   s
     * @param seeds        initialisations (and data subsets) per depth
     * @param width        N
     * @param train        training images (a seeded random subset of the training file)
     * @param heldOut      held-out images (the next ones of the same random order, disjoint from the training ones)
     * @param perClass     images of each class in the SNIP batch (drawn from the training images)
     * @param pool         average-pooling block
     * @param sigmaB       σ_b
     * @param sigmaW       σ_w (the Edge of Chaos of tanh at σ_b)
     * @param steps        SGD steps
     * @param batch        SGD batch
     * @param learningRate SGD step η
     * @param orderedSigmaW σ_w of the ordered-phase arm (SNIP on nets initialised there, no rescaling), NaN for none
     */
    public record Setting(int[] depths, double[] sparsities, int seeds, int width, int train, int heldOut, int perClass, int pool,
                          double sigmaB, double sigmaW, int steps, int batch, double learningRate, double orderedSigmaW) {

        /** Whether the ordered-phase arm is measured. */
        public boolean ordered() {
            return !Double.isNaN(orderedSigmaW);
        }
    }

    /**
     * Held-out accuracy {@code accuracy[m][d][s][seed]} of method {@code methods[m]} at depth {@code depths[d]} and
     * sparsity {@code sparsities[s]} (0 for a net whose training diverged); with the ordered-phase arm,
     * {@code accuracy[methods.size()]} is that of SNIP on a net initialised at the ordered σ_w (the same data, SNIP batch,
     * score seed and SGD order as the Edge-of-Chaos nets of that depth).
     */
    public record Result(List<PruningMethod> methods, Setting setting, double[][][][] accuracy) {
    }

    /** Inputs (m×d rows, ‖x‖²/d = 1 after centring by the training mean) and labels. */
    private record Data(INDArray inputs, int[] labels) {
    }

    /**
     * Runs the map: seeds, data subsets and initialisations from {@code r}. libnd4j runs on one thread here: the
     * operations are small (width 100, batch 100), and its parallel regions made a training step 4–15× slower on two
     * threads than on one, on the shared 2-core host under load (PilotTest timings, issue 16's session).
     */
    public static Result run(LabelledImages images, SplittableRandom r, Setting s, List<PruningMethod> methods,
                             ScaledDensePruner pruner) {
        return Nd4jDefaults.withThreads(1, () -> runOnThisThread(images, r, s, methods, pruner));
    }

    private static Result runOnThisThread(LabelledImages images, SplittableRandom r, Setting s, List<PruningMethod> methods,
                                          ScaledDensePruner pruner) {
        int arms = methods.size() + (s.ordered() ? 1 : 0);
        double[][][][] acc = new double[arms][s.depths().length][s.sparsities().length][s.seeds()];
        for (int seed = 0; seed < s.seeds(); seed++) {
            int[] order = FashionMnist.permutation(r, images.size());
            int[] train = Arrays.copyOf(order, s.train());
            int[] held = Arrays.copyOfRange(order, s.train(), s.train() + s.heldOut());
            double[] centre = ImageInputs.columnMean(ImageInputs.pooled(images, train, s.pool()));
            Data trainData = data(images, train, centre, s.pool());
            Data heldData = data(images, held, centre, s.pool());
            Data snipBatch = data(images, FashionMnist.balancedSubset(images, train, s.perClass()), centre, s.pool());
            int d = (int) trainData.inputs().columns();
            for (int di = 0; di < s.depths().length; di++) {
                int depth = s.depths()[di];
                Network init = Network.initialise(NetworkShape.fullyConnected(d, s.width(), depth, IdxReader.MNIST_CLASSES),
                        Activations.TANH, s.sigmaB(), s.sigmaW(), r);
                DenseNetwork net = ToScaled.dense(init, Precision.FLOAT32);
                double[] targets = new double[depth];
                Arrays.fill(targets, s.sigmaW() * s.sigmaW());
                long scoreSeed = r.nextLong();
                long sgdSeed = r.nextLong();
                // drawn after the Edge-of-Chaos net's seeds, so that the arm leaves the other arms' draws unchanged
                DenseNetwork ordered = s.ordered() ? ToScaled.dense(Network.initialise(NetworkShape.fullyConnected(d, s.width(),
                        depth, IdxReader.MNIST_CLASSES), Activations.TANH, s.sigmaB(), s.orderedSigmaW(), r), Precision.FLOAT32) : null;
                DenseSgd.Schedule schedule = new DenseSgd.Schedule(s.steps(), s.batch(), s.learningRate(), sgdSeed);
                for (int si = 0; si < s.sparsities().length; si++) {
                    for (int m = 0; m < arms; m++) {
                        boolean orderedArm = m == methods.size();
                        DenseNetwork start = orderedArm ? ordered : net;
                        DensePruningResult p = pruner.prune(start, orderedArm ? PruningMethod.SNIP : methods.get(m), s.sparsities()[si],
                                snipBatch.inputs(), snipBatch.labels(), scoreSeed, targets);
                        DenseSgd.Result trained = DenseSgd.train(withWeights(start, p.weights()), trainData.inputs(),
                                trainData.labels(), schedule);
                        acc[m][di][si][seed] = trained.diverged() ? 0
                                : DenseSgd.accuracy(trained.network(), heldData.inputs(), heldData.labels());
                    }
                }
                LOG.info("trainability map: seed {} of {}, L = {} done", seed + 1, s.seeds(), depth);
            }
        }
        return new Result(List.copyOf(methods), s, acc);
    }

    /** The network with other weights (row-major, same shapes) and its own biases. */
    private static DenseNetwork withWeights(DenseNetwork net, double[][] weights) {
        List<INDArray> w = new java.util.ArrayList<>();
        List<INDArray> b = new java.util.ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            INDArray old = net.weight(l);
            w.add(org.nd4j.linalg.factory.Nd4j.create(weights[l - 1], old.shape(), org.nd4j.linalg.api.buffer.DataType.DOUBLE));
            b.add(net.bias(l).reshape(old.rows()));
        }
        return new DenseNetwork(w, b, net.activation(), net.precision());
    }

    private static Data data(LabelledImages images, int[] subset, double[] centre, int pool) {
        DMatrixRMaj x = FashionMnist.unitMeanSquare(images, subset, centre, pool);
        int[] labels = new int[subset.length];
        for (int j = 0; j < subset.length; j++) {
            labels[j] = images.labels()[subset[j]];
        }
        return new Data(ToScaled.rows(x), labels);
    }
}
