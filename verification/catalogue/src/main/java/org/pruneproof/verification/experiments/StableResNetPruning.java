package org.pruneproof.verification.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.reference.data.IdxReader;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.GrayscaleImages;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.GlobalSelection;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.scaled.pruning.ScaledGlobalThreshold;
import org.pruneproof.scaled.training.Schedule;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.verification.plantedbugs.StableVariant;

/**
 * Hayou et al.'s ResNet against Stable ResNet on real images, shared by the claims that compare them: a CIFAR-style
 * ResNet and its Stable variant (every residual branch × 1/√L, L blocks, as in the authors' {@code models/base/resnet.py})
 * at Fashion-MNIST's 28×28, initialised from the same seed (identical weights: the variant only scales the branches in
 * the forward pass), pruned at initialisation with one global threshold by SNIP (|W ⊙ ∂L/∂W| of one class-balanced batch)
 * on the ResNet and by SBP-SR (the same scores, on the Stable ResNet), or by random or magnitude scores.
 *
 * <p>The kept fraction of a residual block is the fraction of its convolution weights (branch and shortcut) that the
 * global threshold keeps; its balance at sparsity s is {@code β(s) = min_b ρ_b / (1 − s)}: 1 when every block keeps as
 * much as the network does, 0 when a block is pruned away (the stem and the classifier are shown, not counted).
 */
public final class StableResNetPruning {

    private StableResNetPruning() {
    }

    /**
     * The network pair.
     *
     * @param model a CIFAR ResNet name of {@link Architectures} (e.g. {@code cifar-resnet20})
     * @param width width multiplier
     */
    public record Nets(String model, double width) {

        /** The ResNet at 28×28 with 10 classes. */
        public Architecture resNet() {
            return Architectures.byName(model, width, IdxReader.MNIST_CLASSES).withInputSize(28);
        }

        /** Its Stable variant, through {@code variant} (the registry's, or a planted bug). */
        public Architecture stable(StableVariant variant) {
            return variant.of(model, width, IdxReader.MNIST_CLASSES).withInputSize(28);
        }

        /** "cifar-resnet20 width 0.25". */
        public String describe() {
            return model + " width " + width;
        }
    }

    /** The residual blocks of a ResNet: each block's name and the indices of its prunable layers among all of them. */
    public record Block(String name, int[] layers) {
    }

    /** The residual blocks of {@code a}, in forward order. */
    public static List<Block> blocks(Architecture a) {
        List<String> prunable = a.parameters().stream().filter(ParameterSpec::prunable).map(ParameterSpec::layer).toList();
        List<Block> blocks = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (l instanceof Layer.Residual r) {
                List<Layer> inside = new ArrayList<>(r.branch());
                inside.addAll(r.shortcut());
                int[] idx = inside.stream().filter(x -> x instanceof Layer.Conv || x instanceof Layer.Linear)
                        .map(x -> x instanceof Layer.Conv c ? c.name() : ((Layer.Linear) x).name())
                        .mapToInt(prunable::indexOf).toArray();
                blocks.add(new Block(r.name(), idx));
            }
        }
        return blocks;
    }

    /** Per block, the fraction of its weights that the selection keeps. */
    public static double[] blockFractions(GlobalSelection sel, List<Block> blocks) {
        double[] rho = new double[blocks.size()];
        for (int b = 0; b < rho.length; b++) {
            long kept = 0;
            long total = 0;
            for (int l : blocks.get(b).layers()) {
                kept += sel.keptPerLayer()[l];
                total += sel.keep()[l].length;
            }
            rho[b] = (double) kept / total;
        }
        return rho;
    }

    /** β = min_b ρ_b / (1 − s). */
    public static double balance(double[] blockFractions, double sparsity) {
        return Arrays.stream(blockFractions).min().orElse(Double.NaN) / (1 - sparsity);
    }

    /** The per-block kept fractions of {@code scores} at each sparsity: {@code [sparsity][block]}. */
    public static double[][] blockFractions(double[][] scores, List<Block> blocks, double[] sparsities) {
        double[][] rho = new double[sparsities.length][];
        for (int i = 0; i < sparsities.length; i++) {
            rho[i] = blockFractions(ScaledGlobalThreshold.select(scores, sparsities[i]), blocks);
        }
        return rho;
    }

    /** A network of {@code a} initialised (He, float32) from {@code SplittableRandom(seed)}. */
    public static NetworkWeights initialise(Architecture a, long seed) {
        return NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(seed));
    }

    /** SNIP scores (SBP-SR's on a Stable ResNet) of {@code w} on the batch of all images of {@code batch}. */
    public static double[][] sensitivityScores(NetworkWeights w, GrayscaleImages batch, PruningMethod method) {
        ImageBatch b = batch.batch(IntStream.range(0, batch.imageCount()).toArray());
        try {
            return InitPruning.scores(w, method, b, 0);
        } finally {
            OwnedArrays.closeAll(b.images());
        }
    }

    /** {@code perClass} images of each class, the first of each in a random order drawn from {@code r}. */
    public static GrayscaleImages balancedBatch(LabelledImages images, SplittableRandom r, int perClass, Architecture a) {
        int[] idx = FashionMnist.balancedSubset(images, FashionMnist.permutation(r, images.size()), perClass);
        return images(images, idx, a, r.nextLong());
    }

    /** The images {@code idx} of the file, as the network's input (grey replicated over its input channels). */
    public static GrayscaleImages images(LabelledImages images, int[] idx, Architecture a, long seed) {
        byte[][] px = new byte[idx.length][];
        int[] labels = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            px[k] = images.pixels()[idx[k]];
            labels[k] = images.labels()[idx[k]];
        }
        return new GrayscaleImages(px, labels, images.rows(), images.cols(), IdxReader.MNIST_CLASSES, a.inputChannels(),
                a.inputSize(), DataType.FLOAT, seed);
    }

    /** Training with the mask fixed: SGD, momentum 0.9, weight decay 5e-4, cosine schedule, no augmentation. */
    public static Training.Options training(int epochs, int batch, double rate, long seed) {
        return new Training.Options(epochs, batch, rate, 0.9, 5e-4, Schedule.COSINE, seed, false, 500, epochs);
    }
}
