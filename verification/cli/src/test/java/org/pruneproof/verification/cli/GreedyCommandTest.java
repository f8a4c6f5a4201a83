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

/** {@code pruneproof greedy}: results on hand-computed instances, and one-line errors for bad input. */
class GreedyCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Path npy(String name, NpyArray a) {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private Run greedy(Path phi, Path y, String... more) {
        List<String> args = new ArrayList<>(List.of("greedy", "--features", phi.toString(), "--target", y.toString(),
                "--out", dir.resolve("out.json").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private JsonNode result() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out.json").toFile());
    }

    private static int[] ints(JsonNode a) {
        return java.util.stream.StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static double[] doubles(JsonNode a) {
        return java.util.stream.StreamSupport.stream(a.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    /** Φ = [[2,0],[0,2]], y = (1,1): step 1 is a tie at loss 1 (lowest index, 0), step 2 reaches y exactly. */
    @Test
    void everyEngineAndPrecisionGivesTheHandComputedPath() throws IOException {
        Path phi = npy("phi.npy", NpyArray.ofMatrix(new double[][] {{2, 0}, {0, 2}}));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        for (String[] opts : new String[][] {{}, {"--precision", "float64"}, {"--engine", "reference"},
                {"--engine", "scaled", "--precision", "float32"}}) {
            Run r = greedy(phi, y, Stream.concat(Stream.of("--steps", "2"), Stream.of(opts)).toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            JsonNode res = result();
            assertEquals(List.of("selected", "loss"), iteratorToList(res.fieldNames()));
            assertArrayEquals(new int[] {0, 1}, ints(res.get("selected")), String.join(" ", opts));
            assertArrayEquals(new double[] {1, 0}, doubles(res.get("loss")), 1e-15, String.join(" ", opts));
            assertTrue(r.out().startsWith("greedy: 2 steps"), r.out());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    private static List<String> iteratorToList(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    /** Φ = [[1,1],[1,1],[0,0]] (float32 file), y = (1,1) as int64 of shape (2,1): 0, then 1, then 2 with loss (1/3)². */
    @Test
    void withoutReplacementTakesEachNeuronOnce() throws IOException {
        Path phi = npy("phi.npy", NpyArray.ofFloats(new float[] {1, 1, 1, 1, 0, 0}, 3, 2));
        Path y = npy("y.npy", NpyArray.ofLongs(new long[] {1, 1}, 2, 1));
        Run r = greedy(phi, y, "--steps", "3", "--without-replacement");
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(new int[] {0, 1, 2}, ints(result().get("selected")));
        assertArrayEquals(new double[] {0, 0, 1.0 / 9}, doubles(result().get("loss")), 1e-15);
    }

    @Test
    void randomCandidatesAreReproducibleFromTheSeed() throws IOException {
        double[][] rows = new double[30][4];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (double[] row : rows) {
            for (int j = 0; j < 4; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        Path phi = npy("phi.npy", NpyArray.ofMatrix(rows));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {0.5, -1, 0, 2}, 4));
        assertEquals(0, greedy(phi, y, "--steps", "8", "--candidates", "3", "--seed", "42").status());
        JsonNode first = result();
        assertEquals(0, greedy(phi, y, "--steps", "8", "--candidates", "3", "--seed", "42").status());
        assertEquals(first, result());
        assertEquals(8, first.get("selected").size());
    }

    @Test
    void bothEnginesAgreeOnEveryVariant() throws IOException {
        double[][] rows = new double[25][6];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        for (double[] row : rows) {
            for (int j = 0; j < 6; j++) {
                row[j] = Math.max(0, rnd.nextGaussian());
            }
        }
        Path phi = npy("phi.npy", NpyArray.ofMatrix(rows));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {0.5, 0.1, 0, 0.9, 0.3, 0.2}, 6));
        for (String[] variant : new String[][] {{}, {"--without-replacement"}, {"--candidates", "4", "--seed", "9"},
                {"--without-replacement", "--candidates", "7", "--seed", "9"}}) {
            String[] base = Stream.concat(Stream.of("--steps", "20"), Stream.of(variant)).toArray(String[]::new);
            assertEquals(0, greedy(phi, y, Stream.concat(Stream.of(base), Stream.of("--engine", "reference")).toArray(String[]::new)).status());
            JsonNode reference = result();
            assertEquals(0, greedy(phi, y, Stream.concat(Stream.of(base), Stream.of("--precision", "float64")).toArray(String[]::new)).status());
            JsonNode scaled = result();
            String what = String.join(" ", variant);
            assertArrayEquals(ints(reference.get("selected")), ints(scaled.get("selected")), what);
            double[] lr = doubles(reference.get("loss"));
            double[] ls = doubles(scaled.get("loss"));
            for (int k = 0; k < lr.length; k++) {
                assertEquals(lr[k], ls[k], 1e-12 * lr[k] + 1e-15, what + " step " + (k + 1));
            }
        }
    }

    private void assertUsageError(Run r, String... fragments) {
        assertEquals(2, r.status(), r.out() + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("at org."), "no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("out.json")), "no output written");
    }

    @Test
    void malformedFeatureFileNamesTheFileAndTheProblem() throws IOException {
        Path phi = dir.resolve("phi.npy");
        Files.writeString(phi, "not numpy");
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(greedy(phi, y, "--steps", "1"), "phi.npy", "magic");
    }

    @Test
    void fortranOrderAndBigEndianAreNamed() throws IOException {
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        Path phi = npy("phi.npy", NpyArray.ofMatrix(new double[][] {{1, 2}, {3, 4}}));
        byte[] b = Files.readAllBytes(phi);
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("f.npy"), text.replace("'fortran_order': False", "'fortran_order': True ")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertUsageError(greedy(dir.resolve("f.npy"), y, "--steps", "1"), "f.npy", "Fortran");
        Files.write(dir.resolve("be.npy"), text.replace("'<f8'", "'>f8'").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertUsageError(greedy(dir.resolve("be.npy"), y, "--steps", "1"), "be.npy", "big-endian");
    }

    @Test
    void targetOfTheWrongLengthNamesBothFiles() {
        Path phi = npy("phi.npy", NpyArray.ofMatrix(new double[][] {{1, 2, 3}}));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(greedy(phi, y, "--steps", "1"), "y.npy", "length m = 3", "phi.npy", "(2)");
    }

    @Test
    void featuresThatAreNotAMatrixAreRefused() {
        Path phi = npy("phi.npy", NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(greedy(phi, y, "--steps", "1"), "phi.npy", "expected a matrix N×m");
    }

    @Test
    void nonFiniteValuesAreRefused() {
        Path phi = npy("phi.npy", NpyArray.ofMatrix(new double[][] {{1, Double.NaN}}));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(greedy(phi, y, "--steps", "1"), "phi.npy", "non-finite");
        Path phi2 = npy("phi2.npy", NpyArray.ofMatrix(new double[][] {{1, 2}}));
        Path y2 = npy("y2.npy", NpyArray.ofDoubles(new double[] {1, Double.POSITIVE_INFINITY}, 2));
        assertUsageError(greedy(phi2, y2, "--steps", "1", "--engine", "reference"), "y2.npy", "not finite");
    }

    @Test
    void inconsistentOptionsAreUsageErrors() {
        Path phi = npy("phi.npy", NpyArray.ofMatrix(new double[][] {{1, 2}, {3, 4}}));
        Path y = npy("y.npy", NpyArray.ofDoubles(new double[] {1, 1}, 2));
        assertUsageError(greedy(phi, y, "--steps", "3", "--without-replacement"), "--steps 3", "N = 2");
        assertUsageError(greedy(phi, y, "--steps", "1", "--candidates", "2"), "--candidates needs --seed");
        assertUsageError(greedy(phi, y, "--steps", "1", "--engine", "reference", "--precision", "float32"), "float64 only");
        assertUsageError(greedy(phi, y, "--steps", "0"), "--steps must be ≥ 1");
        assertUsageError(greedy(phi, y, "--steps", "1", "--precision", "half"), "unknown precision 'half'");
        assertUsageError(greedy(phi, y, "--steps", "1", "--engine", "gpu"), "--engine must be reference or scaled");
        assertUsageError(greedy(dir.resolve("absent.npy"), y, "--steps", "1"), "absent.npy", "no such file");
    }
}
