package org.pruneproof.verification.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.claims.hayou2021.SbpLayerFractionsFashionMnist;
import org.pruneproof.verification.claims.hayou2021.StableResNetBlockFractionsFashionMnist;
import org.pruneproof.verification.claims.hayou2021.StableResNetTrainingFashionMnist;
import org.pruneproof.verification.claims.hayou2021.TrainabilityMapFashionMnist;
import org.pruneproof.verification.claims.wolfe2021.LogVersusPowerFashionMnist;
import org.pruneproof.verification.claims.wolfe2021.ThresholdScalingsFashionMnist;
import org.pruneproof.verification.claims.wolfe2021.ThresholdScalingsTenClassFashionMnist;
import org.pruneproof.verification.claims.ye2020.FineTuneNotRetrainFashionMnist;
import org.pruneproof.verification.claims.ye2020.GreedyChannelsFashionMnist;
import org.pruneproof.verification.claims.ye2020.PruningBeatsTrainingFashionMnist;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.engine.Seeds;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * The reproductions on real data say which figure they reproduce, and without the data they are INCONCLUSIVE with a
 * reason saying how to install it — never a pass, never "not reproduced".
 */
class RealDataWithoutDataTest {

    /** The reduced/full reproductions on real data. */
    static final List<Claim<?>> REPRODUCTIONS = List.of(new PruningBeatsTrainingFashionMnist(), new SbpLayerFractionsFashionMnist(),
            new TrainabilityMapFashionMnist(), new ThresholdScalingsFashionMnist(), new ThresholdScalingsTenClassFashionMnist(),
            new LogVersusPowerFashionMnist(), new FineTuneNotRetrainFashionMnist(), new GreedyChannelsFashionMnist(),
            new StableResNetBlockFractionsFashionMnist(), new StableResNetTrainingFashionMnist());

    @TempDir
    Path dir;

    private final String saved = System.getProperty(FashionMnist.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(FashionMnist.PROPERTY);
        } else {
            System.setProperty(FashionMnist.PROPERTY, saved);
        }
    }

    @Test
    void theFirstInstanceIsTheReducedExperimentAndTheSecondTheFullOneAndTheDefaultBudgetNeverAsksForTheFullOne() {
        for (Claim<?> c : REPRODUCTIONS) {
            String first = String.valueOf(c.instances().generate(new java.util.SplittableRandom(1), Seeds.sizeFor(0, Gen.MAX_SIZE)));
            String second = String.valueOf(c.instances().generate(new java.util.SplittableRandom(1), Seeds.sizeFor(1, Gen.MAX_SIZE)));
            assertTrue(first.contains("scale=reduced"), c.spec().id() + ": " + first);
            assertTrue(second.contains("scale=full"), c.spec().id() + ": " + second);
            assertEquals(1, c.spec().budget().maxSize(), c.spec().id() + ": the default budget runs the reduced experiment only");
            assertEquals(2, c.spec().budget().scaledMaxSize(), c.spec().id() + ": the main job runs both");
        }
    }

    /** An undecided (discarded) experiment draws another; how many is fixed by count, not by the machine's speed. */
    @Test
    void everyReproductionLimitsTheExperimentsItDrawsByCount() {
        for (Claim<?> c : REPRODUCTIONS) {
            assertTrue(c.spec().budget().maxAttempts() > 0, c.spec().id() + ": the default budget needs withAttemptLimits");
            assertTrue(c.spec().budget().scaledMaxAttempts() > 0, c.spec().id() + ": the main job's budget needs withAttemptLimits");
        }
    }

    @Test
    void withoutDataEveryReproductionIsInconclusiveAndSaysHowToGetIt() throws IOException {
        System.setProperty(FashionMnist.PROPERTY, Files.createDirectory(dir.resolve("empty")).toString());
        for (Claim<?> c : REPRODUCTIONS) {
            assertNotNull(c.spec().reproduces(), c.spec().id() + " says what it reproduces");
            ClaimResult r = new ClaimRunner(new RunConfig(dir, dir.resolve("counterexamples"), 1, "default", null, null, "test")).run(c);
            assertEquals("INCONCLUSIVE", r.verdict(), c.spec().id() + ": " + r.reason());
            assertEquals(0, r.tries(), c.spec().id());
            assertTrue(r.reason().contains("apt-get install dataset-fashion-mnist"), r.reason());
            assertEquals(c.spec().reproduces(), r.reproduces());
        }
    }
}
