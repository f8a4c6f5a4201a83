package org.pruneproof.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.engine.RunConfig;

/**
 * A claim task carries what an executor needs from the driver's machine: checked after the driver's folder is gone (an
 * executor on another machine has no such folder), it gives the local engine's result, stored counterexamples replayed
 * included, and the same tightest-instance file.
 */
class ClaimTaskTest {

    @TempDir
    Path dir;

    @Test
    void aTaskChecksItsClaimFromWhatItCarriesNotFromTheDriversFolders() throws IOException {
        String id = "wolfe2021.monotone-in-pretraining";  // the repository stores a counterexample of it
        RunConfig local = SparkEngineTest.config(SparkEngineTest.root(dir, "local", true));
        ClaimResult expected = SparkEngineTest.checkLocally(local, List.of(id)).get(0);
        assertTrue(expected.storedReplayed() >= 1, "the local engine replayed the stored counterexample");

        RunConfig driver = SparkEngineTest.config(SparkEngineTest.root(dir, "driver", true));
        ClaimTask task = ClaimTask.of(driver, List.of(id));
        OutputFolder.deleteTree(driver.root());
        ClaimTask.Checked checked = task.check(id);

        assertFalse(Files.exists(driver.root()), "the task wrote nothing into the driver's folder");
        ClaimResult onExecutor = ResultsFiles.mapper().readValue(checked.result(), ClaimResult.class);
        assertEquals(List.of(), SparkEngineTest.differences(List.of(expected), List.of(onExecutor)));
        Path tight = ClaimTask.tightestFile(local, id);
        assertEquals(Files.isRegularFile(tight) ? Files.readString(tight) : null, checked.tightest());
    }
}
