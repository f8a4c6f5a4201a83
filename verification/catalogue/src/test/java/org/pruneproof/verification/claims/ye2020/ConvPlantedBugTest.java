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

    /** The reduced experiment that CI's catalogue run judges, at the catalogue's default seed. */
    static final ConvChannelPruning.Experiment REDUCED = new ConvChannelPruning.Experiment(20201, "reduced",
            FineTuneNotRetrainFashionMnist.REDUCED_SEEDS, FineTuneNotRetrainFashionMnist.REDUCED);

    @Test
    void aFineTuningThatReinitialisesIsNotReportedAsFineTuning() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        Outcome real = new FineTuneNotRetrainFashionMnist().check(REDUCED);
        Outcome planted = new FineTuneNotRetrainFashionMnist(ChannelGreedy.SCALED, REINITIALISES).check(REDUCED);
        System.err.println("real: " + real);
        System.err.println("planted: " + planted);
        assertFalse(real instanceof Outcome.Checked c && !c.holds(), "the real fine-tuning is not judged worse: " + real);
        // fine-tuning became the re-initialised arm's training (same initialisation, same data order): no seed is better
        assertInstanceOf(Outcome.Checked.class, planted, planted.toString());
        assertFalse(((Outcome.Checked) planted).holds(), planted.toString());
        assertTrue(((Outcome.Checked) planted).message().contains("fine-tuned better in 0 of 2 seeds"), planted.toString());
    }
}
