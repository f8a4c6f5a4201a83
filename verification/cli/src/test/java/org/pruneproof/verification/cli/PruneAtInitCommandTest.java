package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyType;

/**
 * {@code pruneproof prune-at-init}: masks, scores and s_cr of a tiny network worked out by hand, the SBP-SR rescaling,
 * and one-line errors (exit status 2) naming the file for each kind of bad input.
 *
 * <p>The hand network: x = (1, 1), label 0, ReLU, no biases, W1 = I₂, W2 = [[1, 1], [0.25, −0.25]]. Then h¹ = (1, 1),
 * logits (2, 0), p₁ = 1/(1 + e²), ∂loss/∂z² = (−p₁, p₁), ∂loss/∂W2 = [[−p₁, −p₁], [p₁, p₁]],
 * ∂loss/∂h¹ = W2ᵀ(−p₁, p₁) = (−0.75p₁, −1.25p₁) (both units active), ∂loss/∂W1 = [[−0.75p₁, −0.75p₁], [−1.25p₁, −1.25p₁]].
 * SNIP scores: S1 = [[0.75, 0], [0, 1.25]]·p₁, S2 = [[1, 1], [0.25, 0.25]]·p₁ — exact ties within the rows of W2 and
 * among the zeros. Positions 0–3 are W1 row-major, 4–7 W2.
 */
class PruneAtInitCommandTest {

    @TempDir
    Path dir;

    private static final double P1 = 1 / (1 + Math.exp(2));

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Path write(String name, NpyArray a) {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    /** The hand network in folder {@code net}, X and Y beside it. */
    private Path handNetwork() {
        Path net = dir.resolve("net");
        write("net/W1.npy", NpyArray.ofDoubles(new double[] {1, 0, 0, 1}, 2, 2));
        write("net/W2.npy", NpyArray.ofDoubles(new double[] {1, 1, 0.25, -0.25}, 2, 2));
        write("X.npy", NpyArray.ofDoubles(new double[] {1, 1}, 1, 2));
        write("Y.npy", NpyArray.ofInts(new int[] {0}, 1));
        return net;
    }

    private Run prune(String method, double s, String... more) {
        List<String> args = new ArrayList<>(List.of("prune-at-init", "--method", method, "--sparsity", String.valueOf(s),
                "--weights", dir.resolve("net").toString(), "--inputs", dir.resolve("X.npy").toString(),
                "--labels", dir.resolve("Y.npy").toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return run(args);
    }

    private double[] out(String name) {
        return Npy.read(dir.resolve("out").resolve(name)).toDoubles();
    }

    private JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    }

    @Test
    void snipMasksScoresAndCriticalSparsityOfTheHandNetwork() throws IOException {
        handNetwork();
        // kept in order: 1.25p₁ (pos 3), p₁ (pos 4, lower of the tie 4/5), p₁ (pos 5), 0.75p₁ (pos 0), 0.25p₁ (pos 6 before 7), 0 (pos 1 before 2)
        double[][][] expected = {
            {{0, 0, 0, 1}, {1, 0, 0, 0}},   // s = 0.75: keep 2
            {{1, 0, 0, 1}, {1, 1, 0, 0}},   // s = 0.5: keep 4
            {{1, 0, 0, 1}, {1, 1, 1, 0}},   // s = 0.375: keep 5
            {{1, 1, 0, 1}, {1, 1, 1, 1}},   // s = 0.125: keep 7
        };
        double[] sparsities = {0.75, 0.5, 0.375, 0.125};
        for (int k = 0; k < sparsities.length; k++) {
            Run r = prune("snip", sparsities[k]);
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(expected[k][0], out("M1.npy"), "M1 at s = " + sparsities[k]);
            assertArrayEquals(expected[k][1], out("M2.npy"), "M2 at s = " + sparsities[k]);
            JsonNode s = summary();
            assertEquals(Math.round((1 - sparsities[k]) * 8), s.get("kept").asLong());
            assertEquals(8, s.get("total").asLong());
            // removal order (ascending, ties highest position first): 2, 1, 7, 6, 0, 5, 4, 3; layer 2 empties at rank 7
            assertEquals(7.0 / 8, s.get("criticalSparsity").asDouble());
            assertEquals(2, s.get("collapsedLayer").asInt());
        }
        assertArrayEquals(new double[] {0.75 * P1, 0, 0, 1.25 * P1}, out("S1.npy"), 1e-15);
        assertArrayEquals(new double[] {P1, P1, 0.25 * P1, 0.25 * P1}, out("S2.npy"), 1e-15);
        assertFalse(Files.exists(dir.resolve("out/W1.npy")), "only sbp-sr writes weights");
    }

    @Test
    void sbpSrRescalesKeptRowsToSigmaWSquaredAndReportsDeadRows() throws IOException {
        handNetwork();
        // s = 0.5 keeps W1's diagonal and W2's first row; W2's second row is dead
        assertEquals(0, prune("sbp-sr", 0.5, "--sigma-w", "1").status());
        assertArrayEquals(new double[] {1, 0, 0, 1}, out("W1.npy"), 1e-15);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h, 0, 0}, out("W2.npy"), 1e-15);
        JsonNode s = summary();
        assertEquals(1, s.get("deadRows").size());
        assertEquals(2, s.get("deadRows").get(0).get("layer").asInt());
        assertEquals(1, s.get("deadRows").get(0).get("row").asInt());
        // default σ_w²: each layer's mean squared row norm before pruning, W1: (1 + 1)/2, W2: (2 + 0.125)/2
        assertEquals(0, prune("sbp-sr", 0.5).status());
        double e = Math.sqrt(1.0625 / 2);
        assertArrayEquals(new double[] {e, e, 0, 0}, out("W2.npy"), 1e-15);
        assertEquals(1.0625, summary().get("sigmaW2").get(1).asDouble(), 1e-15);
    }

    @Test
    void magnitudeAndRandomKeepExactlyTheRequestedCountAndFloat32FilesGiveFloat32Masks() throws IOException {
        handNetwork();
        write("net/W1.npy", NpyArray.ofFloats(new float[] {3, -1, 0.5f, -2}, 2, 2));
        assertEquals(0, prune("magnitude", 0.5).status());
        // |W| = 3, 1, 0.5, 2 | 1, 1, 0.25, 0.25; keep 4: 3, 2, then two of the tied 1s at positions 1, 4, 5 → 1 and 4
        assertArrayEquals(new double[] {1, 1, 0, 1}, out("M1.npy"));
        assertArrayEquals(new double[] {1, 0, 0, 0}, out("M2.npy"));
        assertEquals(NpyType.FLOAT32, Npy.read(dir.resolve("out/M1.npy")).type());
        assertEquals(NpyType.FLOAT64, Npy.read(dir.resolve("out/M2.npy")).type());
        assertEquals(0, prune("random", 0.25, "--seed", "5").status());
        double[] first = out("M1.npy");
        assertEquals(6, summary().get("kept").asInt());
        assertEquals(0, prune("random", 0.25, "--seed", "5").status());
        assertArrayEquals(first, out("M1.npy"), "same seed, same mask");
    }

    private void assertUsageError(Run r, String... fragments) {
        assertEquals(2, r.status(), r.err() + r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception"), "no stack trace: " + line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "'" + f + "' in: " + line);
        }
        assertFalse(Files.exists(dir.resolve("out")), "no output folder after an error");
    }

    @Test
    void missingWeightFilesAreNamed() throws IOException {
        handNetwork();
        Files.delete(dir.resolve("net/W1.npy"));
        assertUsageError(prune("snip", 0.5), "net", "no W1.npy");
        handNetwork();
        write("net/W4.npy", NpyArray.ofDoubles(new double[] {1, 1}, 1, 2));
        assertUsageError(prune("snip", 0.5), "W3.npy is missing");
    }

    @Test
    void shapeMismatchBetweenLayersIsNamed() {
        handNetwork();
        write("net/W2.npy", NpyArray.ofDoubles(new double[] {1, 1, 1, 1, 1, 1}, 2, 3));
        assertUsageError(prune("snip", 0.5), "W2.npy has shape (2, 3)", "3 inputs", "2 outputs of W1.npy");
    }

    @Test
    void biasesMustMatchTheirLayerAndComeAsASet() throws IOException {
        handNetwork();
        write("net/b1.npy", NpyArray.ofDoubles(new double[] {0, 0}, 2));
        assertUsageError(prune("snip", 0.5), "b2.npy is missing");
        write("net/b2.npy", NpyArray.ofDoubles(new double[] {0, 0, 0}, 3));
        assertUsageError(prune("snip", 0.5), "b2.npy", "expected shape (2,)");
    }

    @Test
    void labelsOutOfRangeAreNamed() {
        handNetwork();
        write("Y.npy", NpyArray.ofInts(new int[] {2}, 1));
        assertUsageError(prune("snip", 0.5), "Y.npy", "label 2 of example 0 is outside [0, 2)");
        write("Y.npy", NpyArray.ofInts(new int[] {-1}, 1));
        assertUsageError(prune("snip", 0.5), "Y.npy", "outside [0, 2)");
    }

    @Test
    void nonIntegerLabelsAreNamed() {
        handNetwork();
        write("Y.npy", NpyArray.ofDoubles(new double[] {0.5}, 1));
        assertUsageError(prune("snip", 0.5), "Y.npy", "0.5, not an integer class index");
        write("Y.npy", NpyArray.ofDoubles(new double[] {1.0}, 1));
        assertEquals(0, prune("snip", 0.5).status(), "whole numbers stored as floats are accepted");
    }

    @Test
    void sparsityOutsideZeroToOneIsRefused() {
        handNetwork();
        assertUsageError(prune("snip", 1.0), "--sparsity must be in [0, 1)", "1.0");
        assertUsageError(prune("snip", -0.1), "--sparsity must be in [0, 1)");
    }

    @Test
    void inputsNotMatchingTheFirstLayerAreNamed() {
        handNetwork();
        write("X.npy", NpyArray.ofDoubles(new double[] {1, 1, 1}, 1, 3));
        assertUsageError(prune("snip", 0.5), "X.npy", "3 coordinates", "W1.npy (shape (2, 2)) takes d = 2");
        write("X.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(prune("snip", 0.5), "X.npy", "shape (B, d)");
    }

    @Test
    void malformedOptionsAndFilesAreOneLineErrors() throws IOException {
        handNetwork();
        assertUsageError(prune("grasp", 0.5), "--method", "grasp");
        assertUsageError(prune("snip", 0.5, "--activation", "elu"), "--activation", "elu");
        assertUsageError(prune("snip", 0.5, "--sigma-w", "1"), "--sigma-w is used only by --method sbp-sr");
        Files.writeString(dir.resolve("X.npy"), "not numpy");
        assertUsageError(prune("snip", 0.5), "X.npy", "not a .npy file");
        Files.delete(dir.resolve("X.npy"));
        assertUsageError(prune("snip", 0.5), "X.npy", "no such file");
    }

    @Test
    void theOutputFolderIsReplacedWholeOrLeftAlone() throws IOException {
        handNetwork();
        assertEquals(0, prune("sbp-sr", 0.5).status());
        assertTrue(Files.exists(dir.resolve("out/W2.npy")));
        assertEquals(0, prune("snip", 0.5).status());
        assertFalse(Files.exists(dir.resolve("out/W2.npy")), "the earlier sbp-sr output was replaced, not merged");
        Files.writeString(dir.resolve("out/notes.txt"), "mine");
        Run r = prune("snip", 0.5);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("notes.txt"), r.err());
        assertTrue(Files.exists(dir.resolve("out/notes.txt")), "a folder with other files is left alone");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no temporary folders left");
        }
    }
}
