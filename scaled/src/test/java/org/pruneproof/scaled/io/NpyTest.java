package org.pruneproof.scaled.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .npy files: the fixtures under src/test/resources/npy were written by NumPy 2.4 ({@code np.save}),
 * so reading them checks the reader against NumPy itself, and the writer must reproduce NumPy's
 * bytes exactly.
 */
class NpyTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private String failure(Path file) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsNumpyFloat32Matrix() throws IOException {
        NpyArray a = Npy.read(fixture("f4_2x3.npy"));
        assertEquals(NpyType.FLOAT32, a.type());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[][] {{0, 0.25, 0.5}, {0.75, 1, 1.25}}, a.toMatrix());
    }

    @Test
    void readsNumpyFloat64VectorBitExactly() throws IOException {
        NpyArray a = Npy.read(fixture("f8_vec5.npy"));
        assertArrayEquals(new long[] {5}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.25, 0.0, 1e-300, 3e300}, a.toDoubles());
    }

    @Test
    void readsNumpyIntegersAndScalars() throws IOException {
        NpyArray i4 = Npy.read(fixture("i4_2x2x2.npy"));
        assertEquals(NpyType.INT32, i4.type());
        assertArrayEquals(new long[] {2, 2, 2}, i4.shape());
        assertEquals(-4, i4.getLong(0));
        assertEquals(3, i4.getLong(7));
        NpyArray i8 = Npy.read(fixture("i8_vec3.npy"));
        assertEquals(1L << 40, i8.getLong(1));
        NpyArray s = Npy.read(fixture("f8_scalar.npy"));
        assertEquals(0, s.rank());
        assertEquals(2.5, s.getDouble(0));
    }

    @Test
    void readsVersion2Header() throws IOException {
        NpyArray a = Npy.read(fixture("f8_v2_2x2.npy"));
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, a.toMatrix());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        for (String name : new String[] {"f4_2x3.npy", "f8_vec5.npy", "i4_2x2x2.npy", "i8_vec3.npy", "f8_scalar.npy"}) {
            Path original = fixture(name);
            Path copy = dir.resolve("copy-" + name);
            Npy.write(copy, Npy.read(original));
            assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy), name);
        }
    }

    @Test
    void roundTripsEveryType() {
        Path f = dir.resolve("sub/x.npy");
        Npy.write(f, NpyArray.ofLongs(new long[] {Long.MIN_VALUE, 5}, 2));
        assertEquals(Long.MIN_VALUE, Npy.read(f).getLong(0));
        Npy.write(f, NpyArray.ofInts(new int[] {1, 0, 1, 1}, 2, 2));
        assertArrayEquals(new double[] {1, 0, 1, 1}, Npy.read(f).toDoubles());
        Npy.write(f, NpyArray.ofFloats(new float[] {Float.MIN_VALUE, -0f}, 1, 2));
        assertArrayEquals(new double[] {Float.MIN_VALUE, -0.0}, Npy.read(f).toDoubles());
        Npy.write(f, NpyArray.ofMatrix(new double[][] {{Math.PI}, {-1}}));
        assertArrayEquals(new long[] {2, 1}, Npy.read(f).shape());
        assertEquals(Math.PI, Npy.read(f).getDouble(0));
    }

    @Test
    void badMagicIsNamed() throws IOException {
        Path f = dir.resolve("bad.npy");
        Files.writeString(f, "this is a text file, not an array");
        assertTrue(failure(f).contains("magic"), "bad magic");
    }

    @Test
    void tooShortFileIsNamed() throws IOException {
        Path f = dir.resolve("short.npy");
        Files.write(f, new byte[] {(byte) 0x93, 'N', 'U'});
        assertTrue(failure(f).contains("too short"));
    }

    @Test
    void bigEndianIsRefusedWithAHint() throws IOException {
        String msg = failure(fixture("f4_big_endian.npy"));
        assertTrue(msg.contains("big-endian") && msg.contains(">f4") && msg.contains("<f4"), msg);
    }

    @Test
    void fortranOrderIsRefusedWithAHint() throws IOException {
        String msg = failure(fixture("f8_fortran.npy"));
        assertTrue(msg.contains("Fortran") && msg.contains("ascontiguousarray"), msg);
    }

    @Test
    void unsupportedDtypeNamesTheTypeAndTheSupportedOnes() throws IOException {
        String msg = failure(fixture("u1_vec.npy"));
        assertTrue(msg.contains("unsupported dtype '|u1'") && msg.contains("<f4"), msg);
    }

    @Test
    void truncatedDataSaysHowMuchIsMissing() throws IOException {
        Path full = fixture("f4_2x3.npy");
        byte[] b = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(b, b.length - 5));
        String msg = failure(cut);
        assertTrue(msg.contains("truncated data") && msg.contains("24 bytes") && msg.contains("19"), msg);
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f4_2x3.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(b, 40));
        assertTrue(failure(cut).contains("truncated header"));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f4_2x3.npy"));
        Path longer = dir.resolve("longer.npy");
        Files.write(longer, Arrays.copyOf(b, b.length + 4));
        assertTrue(failure(longer).contains("4 unexpected bytes after the data"));
    }

    @Test
    void malformedHeaderIsNamed() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f4_2x3.npy"));
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'shape': (2, 3)", "'shape': (2, x)");
        Path f = dir.resolve("shape.npy");
        Files.write(f, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(failure(f).contains("malformed shape"));
    }

    @Test
    void unknownVersionIsNamed() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f4_2x3.npy"));
        b[6] = 9;
        Path f = dir.resolve("v9.npy");
        Files.write(f, b);
        assertTrue(failure(f).contains("unsupported .npy format version 9.0"));
    }

    @Test
    void missingFileIsNamed() {
        assertTrue(failure(dir.resolve("absent.npy")).endsWith("no such file"));
    }
}
