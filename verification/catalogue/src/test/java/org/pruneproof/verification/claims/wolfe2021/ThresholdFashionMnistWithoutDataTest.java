package org.pruneproof.verification.claims.wolfe2021;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.experiments.FashionMnist;

/** Without readable data the real-data claim is INCONCLUSIVE with a reason saying what to do, never a pass. */
class ThresholdFashionMnistWithoutDataTest {

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

    private ClaimResult run() {
        return new ClaimRunner(new RunConfig(dir, dir.resolve("counterexamples"), 1, "default", null, null, "test"))
                .run(new ThresholdFashionMnist());
    }

    @Test
    void anEmptyFolderIsInconclusiveAndSaysHowToInstallTheData() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        System.setProperty(FashionMnist.PROPERTY, empty.toString());
        ClaimResult r = run();
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertEquals(0, r.tries());
        assertTrue(r.reason().contains("apt-get install dataset-fashion-mnist") && r.reason().contains("--mnist DIR"), r.reason());
        assertTrue(r.agrees(), "inconclusive does not contradict the expectation, and is not a pass");
    }

    @Test
    void aMalformedFileIsInconclusiveAndNamesTheFile() throws IOException {
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.write(bad.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        Files.write(bad.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        System.setProperty(FashionMnist.PROPERTY, bad.toString());
        ClaimResult r = run();
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertTrue(r.reason().contains("train-images-idx3-ubyte") && r.reason().contains("wrong magic number"), r.reason());
    }
}
