package org.pruneproof.verification.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.InvalidResultsException;
import org.pruneproof.reports.results.ResultsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How long each claim took in an earlier run: a scheduling hint, read from that run's {@code results.json}. */
final class PreviousDurations {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousDurations.class);

    private PreviousDurations() {
    }

    /**
     * Claim id → duration in milliseconds from {@code file}; empty when the file is absent or unreadable (a hint only:
     * a damaged file is logged and ignored, and never changed).
     */
    static Map<String, Long> read(Path file) {
        Map<String, Long> durations = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return durations;
        }
        try {
            for (ClaimResult r : ResultsFiles.read(file).claims()) {
                durations.put(r.id(), r.durationMs());
            }
        } catch (InvalidResultsException e) {
            LOG.info("previous durations not used: {}", e.getMessage());
            durations.clear();
        }
        return durations;
    }
}
