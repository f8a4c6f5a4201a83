package org.pruneproof.scaled.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;

/** The greedy job on the scaled engine: a hand-computed selection, and a bad target named in one line. */
class GreedyJobTest {

    @TempDir
    Path dir;

    private GreedyJob.Config config(double[] y, int steps) {
        // Φ rows: φ_0 = (1, 0), φ_1 = (0, 1), φ_2 = (1, 1).
        Npy.write(dir.resolve("phi.npy"), NpyArray.ofDoubles(new double[] {1, 0, 0, 1, 1, 1}, 3, 2));
        Npy.write(dir.resolve("y.npy"), NpyArray.ofDoubles(y, y.length));
        return new GreedyJob.Config(dir.resolve("phi.npy"), dir.resolve("y.npy"), steps, Replacement.WITHOUT, null, null,
                dir.resolve("out.json"));
    }

    @Test
    void picksTheNeuronEqualToTheTargetThenTheBestAverage() throws Exception {
        // y = (1, 1): step 1 takes φ_2 (loss 0); step 2 averages φ_2 with φ_0 or φ_1, both ((1, 0.5) or (0.5, 1)):
        // loss ((0)² + (0.5)²)/2 = 0.125, the tie goes to the lower index 0.
        StringWriter out = new StringWriter();
        new GreedyJob(config(new double[] {1, 1}, 2), GreedyJob.scaled(Precision.FLOAT64)).run(new PrintWriter(out, true));
        JsonNode r = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertEquals(2, r.get("selected").get(0).asInt());
        assertEquals(0, r.get("selected").get(1).asInt());
        assertEquals(0, r.get("loss").get(0).asDouble(), 1e-12);
        assertEquals(0.125, r.get("loss").get(1).asDouble(), 1e-12);
        assertTrue(out.toString().startsWith("greedy: 2 steps on N = 3 neurons, m = 2 points (scaled engine, float64)"), out.toString());
    }

    @Test
    void aTargetOfTheWrongLengthIsNamedAndNothingIsWritten() {
        JobInputException e = assertThrows(JobInputException.class, () -> new GreedyJob(config(new double[] {1, 1, 1}, 1),
                GreedyJob.scaled(Precision.FLOAT32)).run(new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("y.npy: expected a target of length m = 2"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out.json")));
    }
}
