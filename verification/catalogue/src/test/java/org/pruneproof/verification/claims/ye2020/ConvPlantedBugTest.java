package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.plantedbugs.ChannelGreedy;
import org.pruneproof.verification.plantedbugs.FineTuner;

/**
 * The convolutional reproductions notice the bugs they are about: a fine-tuning that silently re-initialises the
 * pruned network first makes "fine-tuned" and "re-initialised" the same training, so fine-tuning can no longer be
 * better in any seed.
 */
class ConvPlantedBugTest {

    /** Fine-tuning that throws the pruned weights away: a fresh He initialisation of the same architecture, then training. */
    static final FineTuner REINITIALISES = (w, train, o) -> FineTuner.SCALED.fineTune(
            NetworkWeights.initialise(w.architecture(), w.dataType(), new SplittableRandom(o.seed())), train, o);

    @TempDir
    Path store;

    /** The default budget's first instance only (the reduced experiment CI runs), at the catalogue's default seed. */
    private ClaimResult run(Claim<?> claim) {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), RunConfig.DEFAULT_SEED, "default", null, 0.01,
                "test")).run(claim);
    }

    @Test
    void aFineTuningThatReinitialisesIsNotReportedAsFineTuning() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        ClaimResult real = run(new FineTuneNotRetrainFashionMnist());
        ClaimResult planted = run(new FineTuneNotRetrainFashionMnist(ChannelGreedy.SCALED, REINITIALISES));
        System.err.println("real: " + real.verdict() + " " + real.reason() + " " + real.durationMs() + " ms");
        System.err.println("planted: " + planted.verdict() + " " + planted.reason() + " " + planted.durationMs() + " ms");
        assertEquals("HOLDS", real.verdict(), real.reason());
        assertNotEquals(real.verdict(), planted.verdict(), planted.reason());
    }
}
