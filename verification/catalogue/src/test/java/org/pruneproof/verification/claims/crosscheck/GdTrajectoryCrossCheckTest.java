package org.pruneproof.verification.claims.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.gen.TrainingRunInstance;
import org.pruneproof.verification.plantedbugs.ScaledTrainer;

/** The cross-check has teeth: planted bugs in the scaled training are falsified and shrunk. */
class GdTrajectoryCrossCheckTest {

    /** The real engine with an off-by-one mean-field step: η·(N + 1) instead of η·N. */
    static final ScaledTrainer OFF_BY_ONE_MEAN_FIELD_STEP = (init, x, y, config, at) -> {
        int n = init.width();
        TrainingConfig c = init.scaling() != Scaling.MEAN_FIELD ? config
                : new TrainingConfig(config.stepSize() * (n + 1) / n, config.iterations(), config.trainOutputLayer(),
                        config.batchSize(), config.seed(), config.checkpoints());
        return ScaledTrainer.SCALED.train(init, x, y, c, at);
    };

    /** SGD batches drawn from the wrong seed (an off-by-one in seeding the batch draws). */
    static final ScaledTrainer OFF_BY_ONE_BATCH_SEED = (init, x, y, config, at) -> ScaledTrainer.SCALED.train(init, x, y,
            config.withMiniBatches(config.batchSize(), config.seed() + 1), at);

    /** The output layer silently left fixed when it should be trained. */
    static final ScaledTrainer OUTPUT_LAYER_IGNORED = (init, x, y, config, at) -> ScaledTrainer.SCALED.train(init, x, y,
            config.withTrainedOutputLayer(false), at);

    @TempDir
    Path store;

    private ClaimRunner runner() {
        return new ClaimRunner(new RunConfig(store, store.resolve("counterexamples"), 11, "default", null, null, "test"));
    }

    @Test
    void anOffByOneMeanFieldStepIsFalsifiedAndShrunkToATinyRun() {
        ClaimResult r = runner().run(new GdTrajectoryCrossCheck(OFF_BY_ONE_MEAN_FIELD_STEP));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertEquals("mean-field", inst.get("scaling").asText());
        assertTrue(inst.get("w").size() == 1 && inst.get("x").size() == 1 && inst.get("x").get(0).size() == 1,
                "shrunk to one neuron, one point, d = 1: " + inst);
        assertEquals(1, inst.get("iterations").asInt(), "shrunk to one iteration: " + inst);
        assertTrue(r.counterexample().get("shrinkSteps").asInt() > 0, "the counterexample was shrunk");
    }

    @Test
    void batchesFromAnotherSeedAreFalsifiedOnAnSgdRun() {
        ClaimResult r = runner().run(new GdTrajectoryCrossCheck(OFF_BY_ONE_BATCH_SEED));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        int batch = inst.get("batchSize").asInt();
        assertTrue(batch >= 1 && batch < inst.get("x").size(), "a mini-batch run: " + inst);
        assertTrue(inst.get("x").size() <= 3 && inst.get("iterations").asInt() == 1, "shrunk: " + inst);
    }

    @Test
    void anUntrainedOutputLayerIsFalsified() {
        ClaimResult r = runner().run(new GdTrajectoryCrossCheck(OUTPUT_LAYER_IGNORED));
        assertEquals("FALSIFIED", r.verdict(), r.reason());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("trainOutputLayer").asBoolean(), "the output layer is trained: " + inst);
        assertEquals(1, inst.get("iterations").asInt(), "shrunk to one iteration: " + inst);
    }

    @Test
    void anOverflowingRunDivergesAtTheSameIterationInBothEngines() {
        TrainingRunInstance inst = new TrainingRunInstance(new double[][] {{1, 0}, {0.6, 0.8}}, new double[] {1, -1},
                new double[][] {{0.5, -1}, {1, 1}, {-0.3, 0.2}}, new double[] {1, -1, 1}, "ntk", true, 1e150, 5, 0, 0);
        Outcome.Checked c = (Outcome.Checked) new GdTrajectoryCrossCheck().check(inst);
        assertTrue(c.holds(), c.message());
        assertTrue(String.valueOf(c.details().get("end")).startsWith("DIVERGED at t="), String.valueOf(c.details()));
    }

    @Test
    void aTargetEqualToTheInitialOutputIsComparedThroughTheFloor() {
        TrainingRunInstance base = new TrainingRunInstance(new double[][] {{1, 0}, {0.6, 0.8}, {0, -1}}, new double[3],
                new double[][] {{0.5, -1}, {1, 1}, {-0.3, 0.2}, {0.7, 0.1}}, new double[] {1, -1, 1, -1}, "mean-field", false, 0.1, 10, 0, 0);
        double[] y = base.network().output(new org.ejml.data.DMatrixRMaj(base.inputColumns()));
        TrainingRunInstance inst = new TrainingRunInstance(base.x(), y, base.w(), base.b(), "mean-field", false, 0.1, 10, 0, 0);
        Outcome.Checked c = (Outcome.Checked) new GdTrajectoryCrossCheck().check(inst);
        assertTrue(c.holds(), c.message());
        assertTrue((int) c.details().get("lossClausesWhereTheFloorExceedsρS") >= 1, String.valueOf(c.details()));
    }

    @Test
    void theNd4jEngineHoldsWhereThePlantedBugsFail() {
        ClaimResult r = runner().run(new GdTrajectoryCrossCheck());
        assertEquals("HOLDS", r.verdict(), r.reason() + " " + r.counterexample());
        assertTrue(r.tries() >= 200, "at least 200 instances checked, got " + r.tries());
        assertTrue(r.worstRatio() <= 1, "worst ratio within the bound: " + r.worstRatio());
    }
}
