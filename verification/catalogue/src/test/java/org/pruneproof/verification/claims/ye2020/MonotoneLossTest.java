package org.pruneproof.verification.claims.ye2020;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.gen.FeatureInstance;

/** The engine finds, shrinks, stores and replays the counterexample to "the greedy loss never increases". */
class MonotoneLossTest {

    @TempDir
    Path root;

    private RunConfig config(long seed, Integer tries) {
        return new RunConfig(root, root.resolve("counterexamples"), seed, "default", tries, null, "test");
    }

    @Test
    void counterexampleIsShrunkToAtMostFourNeuronsOnTwoPoints() {
        ClaimResult r = new ClaimRunner(config(20201, null)).run(new MonotoneLoss());
        assertEquals("FALSIFIED", r.verdict());
        JsonNode inst = r.counterexample().get("instance");
        assertTrue(inst.get("phi").size() <= 4, "neurons: " + inst);
        assertTrue(inst.get("y").size() <= 2, "points: " + inst);
    }

    @Test
    void replayCommandReproducesTheFailure() {
        ClaimResult r = new ClaimRunner(config(11, null)).run(new MonotoneLoss());
        // ./pruneproof replay ye2020.monotone-loss --seed S --size Z
        String[] words = r.replay().split(" ");
        long seed = Long.parseLong(words[4]);
        int size = Integer.parseInt(words[6]);
        ClaimRunner.Replay<FeatureInstance> replay = new ClaimRunner(config(99, null)).replay(new MonotoneLoss(), seed, size);
        assertFalse(((Outcome.Checked) replay.outcome()).holds(), "the replayed instance fails again");
        assertEquals(r.counterexample().get("instance"), replay.counterexample().get("instance"),
                "replay shrinks to the same counterexample");
    }

    @Test
    void storedCounterexampleIsReplayedFirstOnTheNextRun() throws Exception {
        new ClaimRunner(config(5, null)).run(new MonotoneLoss());
        try (Stream<Path> files = Files.list(root.resolve("counterexamples").resolve("ye2020.monotone-loss"))) {
            assertEquals(1, files.count(), "one stored counterexample");
        }
        // A run that would generate nothing new still finds it, from the store.
        ClaimResult again = new ClaimRunner(config(6, 1)).run(new MonotoneLoss());
        assertEquals("FALSIFIED", again.verdict());
        assertEquals(1, again.storedReplayed());
        assertEquals(1, again.statistics().get("storedFailing"), "the stored counterexample fails again");
    }
}
