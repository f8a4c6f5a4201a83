package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Budget;

class PreviousDurationsTest {

    @TempDir
    Path root;

    @Test
    void aRunsResultsGiveEachClaimsDurationToTheNextRun() {
        CatalogueRun first = new CatalogueRun(RunConfig.at(root, 3, "default", null, null, "test"), "test");
        List<ClaimResult> results = first.checkAll(List.of(new ClaimRunnerTest.Below(20, 0, new Budget(50, 10, Duration.ofSeconds(30), 0.5))), 2);
        Path file = first.write();
        Map<String, Long> durations = PreviousDurations.read(file);
        assertEquals(Map.of("test.below", results.get(0).durationMs()), durations);
    }

    @Test
    void anAbsentOrDamagedFileGivesNoHintAndIsLeftAsItWas() throws Exception {
        assertTrue(PreviousDurations.read(root.resolve("results.json")).isEmpty());
        Path damaged = root.resolve("damaged.json");
        Files.writeString(damaged, "{\"run\": ");
        assertTrue(PreviousDurations.read(damaged).isEmpty());
        assertEquals("{\"run\": ", Files.readString(damaged));
    }
}
