package org.pruneproof.reports.results;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pruneproof.reports.html.HtmlReport;

/**
 * Coverage-guided fuzzing of {@link ResultsFiles#read} and the report (Jazzer): any file is either
 * refused with an {@link InvalidResultsException} naming it, or read into results that the HTML report
 * renders without an exception; anything else, an out-of-memory error or a hang is a finding.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus and every finding kept in
 * {@code src/test/resources/.../ResultsFilesFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class ResultsFilesFuzzTest {

    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "30s")
    void readsAndRendersOrRefusesAnyFile(byte[] input) throws IOException {
        Path file = DIR.resolve("results.json");
        Files.write(file, input);
        RunResults results;
        try {
            results = ResultsFiles.read(file);
        } catch (InvalidResultsException expected) {
            assertTrue(expected.getMessage().startsWith(file.toString()), "the message names the file: " + expected.getMessage());
            return;
        }
        String html = HtmlReport.render(results);
        assertTrue(html.endsWith("</html>\n") || html.endsWith("</html>"), "the report is a whole page");
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("results-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
