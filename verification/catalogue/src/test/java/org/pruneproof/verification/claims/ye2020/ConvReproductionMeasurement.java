package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.reference.data.LabelledImages;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.training.Evaluation;
import org.pruneproof.scaled.training.Schedule;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.ConvChannelPruning;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * Measurements, not checks (run with {@code -Dpruneproof.measure=true -Dtest=ConvReproductionMeasurement}): the
 * training and evaluation speed of the small conv nets at 28×28 on one ND4J thread, and the two convolutional Ye et al.
 * reproductions at a medium size ({@code -Dpruneproof.measure.conv=speed|finetune|finetune-full|channels|reduced}), printed to stderr.
 */
class ConvReproductionMeasurement {

    static final ConvChannelPruning.Setting MEDIUM_FINE_TUNE = new ConvChannelPruning.Setting("lenet5", 1, 2_000, 1_000, 2, 1, 64,
            0.01, 0.01, 0.05, 0.5, 8, 128);
    /**
     * LeNet-5 as for fine-tuning: a first medium run on the CIFAR ResNet-8 at width 1/8 (512 images, 2 epochs, lr 0.1) left
     * it at 0.168 held-out top-1, barely above chance, and greedy then kept one channel per group; stopped after its first
     * seed.
     */
    static final ConvChannelPruning.Setting MEDIUM_CHANNELS = MEDIUM_FINE_TUNE;

    private static String what() {
        return System.getProperty("pruneproof.measure.conv", "speed");
    }

    @Test
    @EnabledIfSystemProperty(named = "pruneproof.measure", matches = "true")
    void measure() {
        FashionMnist.Loaded data = FashionMnist.load();
        assumeTrue(data.images() != null, "no data: " + data.problem());
        switch (what()) {
            case "speed" -> Nd4jDefaults.withThreads(1, () -> {
                speed(data.images(), "lenet5", 0.5);
                speed(data.images(), "lenet5", 1);
                speed(data.images(), "cifar-resnet8", 0.125);
                speed(data.images(), "cifar-resnet8", 0.25);
                return null;
            });
            case "finetune" -> report("fine-tune (medium)", new FineTuneNotRetrainFashionMnist()
                    .check(new ConvChannelPruning.Experiment(20201, "medium", 3, MEDIUM_FINE_TUNE)));
            case "finetune-full" -> report("fine-tune (full)", new FineTuneNotRetrainFashionMnist().check(new ConvChannelPruning.Experiment(
                    20201, "full", FineTuneNotRetrainFashionMnist.FULL_SEEDS, FineTuneNotRetrainFashionMnist.FULL)));
            case "channels" -> report("channels (medium)", new GreedyChannelsFashionMnist()
                    .check(new ConvChannelPruning.Experiment(20201, "medium", 3, MEDIUM_CHANNELS)));
            case "reduced" -> {
                report("fine-tune (reduced)", new FineTuneNotRetrainFashionMnist().check(new ConvChannelPruning.Experiment(
                        20201, "reduced", FineTuneNotRetrainFashionMnist.REDUCED_SEEDS, FineTuneNotRetrainFashionMnist.REDUCED)));
                report("channels (reduced)", new GreedyChannelsFashionMnist().check(new ConvChannelPruning.Experiment(
                        20201, "reduced", GreedyChannelsFashionMnist.REDUCED_SEEDS, GreedyChannelsFashionMnist.REDUCED)));
            }
            default -> throw new IllegalArgumentException("pruneproof.measure.conv: speed, finetune, finetune-full, channels or reduced");
        }
    }

    private static void report(String name, Outcome o) {
        System.err.println(name + ": " + o);
    }

    /** Images per second of one training epoch (batch 64) and of evaluation (batch 500), after a warm-up epoch. */
    private static void speed(LabelledImages images, String model, double width) {
        ConvChannelPruning.Setting s = new ConvChannelPruning.Setting(model, width, 512, 1000, 1, 1, 64, 0.01, 0.01, 0.1, 0.5, 4, 64);
        ConvChannelPruning.Base b = ConvChannelPruning.trainBase(images, new SplittableRandom(1), s);
        NetworkWeights w = NetworkWeights.initialise(s.architecture(), DataType.FLOAT, new SplittableRandom(2));
        Training.Options o = new Training.Options(1, 64, 0.01, 0.9, 5e-4, Schedule.COSINE, 3, false, 500, 1);
        long t0 = System.nanoTime();
        Training.run(w, b.train(), null, o, false, null, false, model, null);
        double train = 512 / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        Evaluation.of(w, b.heldOut(), 500, null);
        double eval = 1000 / ((System.nanoTime() - t1) / 1e9);
        System.err.println(String.format(Locale.ROOT, "SPEED %s width %s: %d MACs/image, training %.0f images/s, evaluation %.0f images/s",
                model, width, s.architecture().macs(), train, eval));
    }
}
