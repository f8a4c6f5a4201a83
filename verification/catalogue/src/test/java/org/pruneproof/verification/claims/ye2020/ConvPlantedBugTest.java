package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.ConvChannelPruning;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.plantedbugs.ChannelGreedy;
import org.pruneproof.verification.plantedbugs.FineTuner;

/**
 * The convolutional reproductions notice the bugs they are about: a fine-tuning that silently re-initialises the
 * pruned network first makes "fine-tuned" and "re-initialised" the same training (the same initialisation stream and
 * data order), so fine-tuning is better in no seed and the verdict becomes "not reproduced".
 */
class ConvPlantedBugTest {

    /** Fine-tuning that throws the pruned weights away: a fresh He initialisation of the same architecture, then training. */
    static final FineTuner REINITIALISES = (w, train, o) -> FineTuner.SCALED.fineTune(
            NetworkWeights.initialise(w.architecture(), w.dataType(), new SplittableRandom(o.seed())), train, o);

    /**
     * A smaller experiment than the reduced one (LeNet-5 at width 1/4, 128 training images, two SGD steps an epoch), for
     * time: the real one and the planted one together take about 25 s in a fresh test JVM on the shared host (load 6–8), most
     * of it ND4J's warm-up (the first training of the fork took 19 s, later ones 1–3 s).
     */
    static final ConvChannelPruning.Experiment TINY = new ConvChannelPruning.Experiment(20201, "test", 2,
            new ConvChannelPruning.Setting("lenet5", 0.25, 128, 200, 1, 1, 64, 0.01, 0.01, 0.1, 0.5, 4, 64));

    @Test
    void aFineTuningThatReinitialisesIsNotReportedAsFineTuning() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        Outcome real = new FineTuneNotRetrainFashionMnist().check(TINY);
        Outcome planted = new FineTuneNotRetrainFashionMnist(ChannelGreedy.SCALED, REINITIALISES).check(TINY);
        System.err.println("real: " + real);
        System.err.println("planted: " + planted);
        assertFalse(real instanceof Outcome.Checked c && !c.holds(), "the real fine-tuning is not judged worse: " + real);
        // fine-tuning became the re-initialised arm's training (same initialisation, same data order): no seed is better
        assertInstanceOf(Outcome.Checked.class, planted, planted.toString());
        assertFalse(((Outcome.Checked) planted).holds(), planted.toString());
        assertTrue(((Outcome.Checked) planted).message().contains("fine-tuned better in 0 of 2 seeds"), planted.toString());
    }
}
