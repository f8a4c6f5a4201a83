package org.pruneproof.scaled.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built byte by byte from the format's description (not by the writer under test): the values
 * of each dtype, and every malformation the reader must refuse with a one-line message naming the
 * file and the tensor.
 */
class SafetensorsTest {

    @TempDir
    Path dir;

    /** 8-byte little-endian length, the header text, then the data bytes. */
    private Path file(String header, byte[] data) throws IOException {
        return raw(header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private Path raw(long headerLength, String header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(data);
        Path f = dir.resolve("w" + System.nanoTime() + ".safetensors");
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int k = 0; k < b.length; k++) {
            out[k] = (byte) b[k];
        }
        return out;
    }

    @Test
    void readsEachFloatTypeToItsExactValue() throws IOException {
        // F32 1.5 = 0x3FC00000; F64 -0.25 = 0xBFD0000000000000; F16 1.0 = 0x3C00, -2 = 0xC000, 2^-24 = 0x0001,
        // 65504 = 0x7BFF; BF16 1.0 = 0x3F80, 3.140625 = 0x4049 (all little-endian)
        byte[] data = bytes(0x00, 0x00, 0xC0, 0x3F,
                0, 0, 0, 0, 0, 0, 0xD0, 0xBF,
                0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0xFF, 0x7B,
                0x80, 0x3F, 0x49, 0x40);
        Path f = file("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[12,20]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[4,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[20,24]}}", data);
        Map<String, NpyArray> t = Safetensors.read(f);
        assertEquals(List.of("a", "d", "h", "b"), List.copyOf(t.keySet()), "in the order of the data");
        assertEquals(1.5, t.get("a").getDouble(0));
        assertEquals(-0.25, t.get("d").getDouble(0));
        assertEquals(0, t.get("d").rank());
        assertArrayEquals(new double[] {1, -2, Math.pow(2, -24), 65504}, t.get("h").toDoubles());
        assertArrayEquals(new long[] {2, 2}, t.get("h").shape());
        assertArrayEquals(new double[] {1, 3.140625}, t.get("b").toDoubles());
        assertEquals(NpyType.FLOAT32, t.get("h").type());
    }

    @Test
    void readsInt64BuffersAndEmptyTensors() throws IOException {
        Path f = file("{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[8,8]}}", bytes(7, 0, 0, 0, 0, 0, 0, 0));
        Map<String, NpyArray> t = Safetensors.read(f);
        assertEquals(7, t.get("n").getLong(0));
        assertEquals(0, t.get("e").size());
    }

    @Test
    void writesTheFormatAndReadsItBack() throws IOException {
        Map<String, NpyArray> t = new LinkedHashMap<>();
        t.put("conv.weight", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("bn.running_var", NpyArray.ofDoubles(new double[] {0.5}, 1));
        Path f = dir.resolve("out.safetensors");
        Safetensors.write(f, t);
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        assertEquals(8 + n + 6 * 4 + 8, all.length);
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertTrue(header.contains("\"conv.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
        assertTrue(header.contains("\"bn.running_var\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[24,32]}"), header);
        Map<String, NpyArray> back = Safetensors.read(f);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, back.get("conv.weight").toDoubles());
        assertEquals(0.5, back.get("bn.running_var").getDouble(0));
    }

    private void refused(Path f, String... fragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "mentions '" + s + "': " + e.getMessage());
        }
    }

    private static final String ONE = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void refusesAHeaderLengthBeyondTheFile() throws IOException {
        refused(raw(1000, ONE, new byte[8]), "header length 1000");
        refused(raw(-1, ONE, new byte[8]), "header length");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        refused(tiny, "too short");
    }

    @Test
    void refusesAHeaderThatIsNotAJsonObject() throws IOException {
        refused(file("[1, 2]", new byte[0]), "not a JSON object");
        refused(file("{\"x\": ", new byte[0]), "not valid JSON");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},\"x\":{\"dtype\":\"F32\",\"shape\":[0],"
                + "\"data_offsets\":[0,0]}}", new byte[0]), "Duplicate");
        refused(file("{\"x\": 3}", new byte[0]), "'x'", "expected an object");
    }

    @Test
    void refusesOffsetsOutOfRangeOverlappingOrLeavingHoles() throws IOException {
        refused(file(ONE, new byte[4]), "'x'", "beyond");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "'y'", "overlap");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "'x'", "hole");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[8]), "cover 4 of the 8");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[8]), "'x'", "end before");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", new byte[8]), "'x'", "data_offsets");
    }

    @Test
    void refusesDtypeAndShapeThatDisagreeWithTheBytes() throws IOException {
        refused(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]), "'x'", "needs 16 bytes");
        refused(file("{\"x\":{\"dtype\":\"F99\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]), "'x'", "unknown dtype");
        refused(file("{\"x\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}", new byte[8]), "'x'", "not supported");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new byte[8]), "'x'", "shape");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}", new byte[8]), "'x'", "extra");
        refused(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", new byte[8]),
                "'x'", "too large");
    }
}
