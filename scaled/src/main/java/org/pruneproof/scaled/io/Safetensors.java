package org.pruneproof.scaled.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pruneproof.io.AtomicFiles;

/**
 * Reads and writes the safetensors format (Hugging Face's {@code safetensors}, the format of PyTorch
 * {@code state_dict}s on model hubs):
 * <pre>  [8 bytes]  N, an unsigned 64-bit little-endian integer, the header length
 *  [N bytes]  a UTF-8 JSON object {"name": {"dtype": "F32", "shape": [d0, …], "data_offsets": [begin, end]}, …}
 *             with an optional "__metadata__" object of strings; padded with spaces
 *  [rest]     the data: little-endian, C order; offsets count from the first data byte</pre>
 *
 * <p>Read: {@code F32}, {@code F64}, {@code F16} and {@code BF16} (both widened exactly to float32), and
 * the integer types {@code I32}, {@code I64} (PyTorch's {@code num_batches_tracked}). A file is refused,
 * with a {@link SafetensorsFormatException} naming the file, the tensor and the problem, when the
 * header length does not fit the file (or exceeds 100 MB, the format's own limit), the header is not a
 * JSON object (or repeats a name), an entry lacks a field or has another, a dtype is unknown, a shape
 * has a negative dimension, {@code (product of the shape) × (bytes per element) ≠ end − begin}, or the
 * tensors' byte ranges are not a tiling of the data: sorted by begin, the first starts at 0, each
 * starts where the previous ended (no overlap, no hole) and the last ends at the end of the file.
 *
 * <p>Write: tensors in the order given, contiguous, the header padded with spaces to a multiple of 8
 * bytes (as the reference implementation does), float32 as {@code F32}, float64 {@code F64}, int32
 * {@code I32}, int64 {@code I64}; atomically ({@link AtomicFiles}).
 */
public final class Safetensors {

    /** Largest header accepted: the reference implementation's limit. */
    static final long MAX_HEADER = 100_000_000L;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Safetensors() {
    }

    /** The element types of the format: name and bytes per element. */
    enum Dtype {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4), I64(8), U64(8), F64(8);

        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        static Dtype of(String name) {
            for (Dtype d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * Reads every tensor of a file, by name in the order of their data offsets.
     *
     * @throws SafetensorsFormatException naming the file (and the tensor) and the problem
     */
    public static Map<String, NpyArray> read(Path file) {
        return readWithMetadata(file).tensors();
    }

    /** A file's tensors (in the order of their data offsets) and its {@code __metadata__} strings. */
    public record Contents(Map<String, NpyArray> tensors, Map<String, String> metadata) {
    }

    /**
     * Reads every tensor of a file and its metadata.
     *
     * @throws SafetensorsFormatException naming the file (and the tensor) and the problem
     */
    public static Contents readWithMetadata(Path file) {
        ByteBuffer all = readAll(file);
        long size = all.remaining();
        if (size < 8) {
            throw error(file, "too short to be a safetensors file (" + size + " bytes; the 8-byte header length is missing)");
        }
        long n = all.getLong(0);
        if (n < 0 || n > size - 8) {
            throw error(file, "header length " + Long.toUnsignedString(n) + " does not fit the file of " + size
                    + " bytes (expected at most " + (size - 8) + ")");
        }
        if (n > MAX_HEADER) {
            throw error(file, "header length " + n + " exceeds the format's limit of " + MAX_HEADER + " bytes");
        }
        byte[] headerBytes = new byte[(int) n];
        all.position(8);
        all.get(headerBytes);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw error(file, "the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw error(file, "the header is not a JSON object (expected {\"name\": {\"dtype\", \"shape\", \"data_offsets\"}, …})");
        }
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA)) {
                requireMetadata(file, f.getValue());
                f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.add(entry(file, f.getKey(), f.getValue()));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw error(file, "tensor '" + e.name + "': data_offsets [" + e.begin + ", " + e.end + "] "
                        + (e.begin < expected ? "overlap the previous tensor's bytes (which end at " + expected + ")"
                        : "leave a hole: the previous tensor's bytes end at " + expected)
                        + "; the tensors must tile the data without overlap or gap");
            }
            if (e.end > dataLength) {
                throw error(file, "tensor '" + e.name + "': data_offsets [" + e.begin + ", " + e.end + "] lie beyond the "
                        + dataLength + " data bytes of the file (truncated?)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw error(file, "the tensors cover " + expected + " of the " + dataLength + " data bytes; the rest is not"
                    + " described by the header");
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            ByteBuffer slice = all.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            slice.position((int) (dataStart + e.begin)).limit((int) (dataStart + e.end));
            out.put(e.name, array(file, e, slice.slice().order(ByteOrder.LITTLE_ENDIAN)));
        }
        return new Contents(out, metadata);
    }

    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }

    private static Entry entry(Path file, String name, JsonNode v) {
        String where = "tensor '" + name + "'";
        if (!v.isObject()) {
            throw error(file, where + ": expected an object {\"dtype\", \"shape\", \"data_offsets\"}, got " + v.getNodeType());
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw error(file, where + ": unexpected field '" + k + "' (expected dtype, shape, data_offsets)");
            }
        }
        JsonNode dt = v.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw error(file, where + ": missing or non-string 'dtype'");
        }
        Dtype dtype = Dtype.of(dt.asText());
        if (dtype == null) {
            throw error(file, where + ": unknown dtype '" + dt.asText() + "'");
        }
        long[] shape = longs(file, where, "shape", v.get("shape"), -1);
        long[] offsets = longs(file, where, "data_offsets", v.get("data_offsets"), 2);
        if (offsets[1] < offsets[0]) {
            throw error(file, where + ": data_offsets [" + offsets[0] + ", " + offsets[1] + "] end before they begin");
        }
        long bytes;
        try {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, dtype.bytes);
        } catch (ArithmeticException e) {
            throw error(file, where + ": shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (bytes != offsets[1] - offsets[0]) {
            throw error(file, where + ": dtype " + dtype + " × shape " + java.util.Arrays.toString(shape) + " needs " + bytes
                    + " bytes, but data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Path file, String where, String field, JsonNode v, int length) {
        String expected = length < 0 ? "an array of non-negative integers" : "an array of " + length + " non-negative integers";
        if (v == null || !v.isArray() || (length >= 0 && v.size() != length)) {
            throw error(file, where + ": '" + field + "' must be " + expected);
        }
        long[] out = new long[v.size()];
        for (int k = 0; k < out.length; k++) {
            JsonNode x = v.get(k);
            if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
                throw error(file, where + ": '" + field + "' must be " + expected + ", got " + abbreviate(v.toString()));
            }
            out[k] = x.asLong();
        }
        return out;
    }

    private static void requireMetadata(Path file, JsonNode v) {
        if (!v.isObject()) {
            throw error(file, "'" + METADATA + "' must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw error(file, "'" + METADATA + "' entry '" + f.getKey() + "' must be a string");
            }
        }
    }

    private static NpyArray array(Path file, Entry e, ByteBuffer b) {
        long count = e.end - e.begin == 0 ? 0 : (e.end - e.begin) / e.dtype.bytes;
        switch (e.dtype) {
            case F32: return NpyArray.wrap(NpyType.FLOAT32, e.shape, b);
            case F64: return NpyArray.wrap(NpyType.FLOAT64, e.shape, b);
            case I32: return NpyArray.wrap(NpyType.INT32, e.shape, b);
            case I64: return NpyArray.wrap(NpyType.INT64, e.shape, b);
            case F16, BF16: {
                float[] v = new float[(int) count];
                for (int k = 0; k < v.length; k++) {
                    short h = b.getShort(2 * k);
                    v[k] = e.dtype == Dtype.F16 ? halfToFloat(h) : Float.intBitsToFloat((h & 0xffff) << 16);
                }
                return NpyArray.ofFloats(v, e.shape);
            }
            default:
                throw error(file, "tensor '" + e.name + "': dtype " + e.dtype
                        + " is not supported (expected F32, F64, F16 or BF16; I32 or I64 for integer buffers)");
        }
    }

    /** IEEE 754 binary16 → binary32, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float m = mant * 0x1p-24f;  // subnormal (or zero): mant · 2^-24
            return sign == 0 ? m : -m;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * Writes tensors (float32, float64, int32, int64) in the given order, atomically.
     *
     * @throws org.pruneproof.io.OutputException naming the file when it cannot be written
     */
    public static void write(Path file, Map<String, NpyArray> tensors) {
        write(file, tensors, Map.of());
    }

    /** Writes tensors and {@code __metadata__} strings ({@code "format": "pt"} first), atomically. */
    public static void write(Path file, Map<String, NpyArray> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA).put("format", "pt");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, NpyArray> t : tensors.entrySet()) {
            if (t.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
            }
            NpyArray a = t.getValue();
            ObjectNode e = header.putObject(t.getKey());
            e.put("dtype", switch (a.type()) {
                case FLOAT32 -> "F32";
                case FLOAT64 -> "F64";
                case INT32 -> "I32";
                case INT64 -> "I64";
            });
            ArrayNode shape = e.putArray("shape");
            for (long d : a.shape()) {
                shape.add(d);
            }
            long bytes = a.bytes().remaining();
            e.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        AtomicFiles.write(file, out -> {
            out.write(head.array());
            WritableByteChannel ch = Channels.newChannel(out);
            for (NpyArray a : tensors.values()) {
                ByteBuffer data = a.bytes();
                while (data.hasRemaining()) {
                    ch.write(data);
                }
            }
        });
    }

    private static ByteBuffer readAll(Path file) {
        return WholeFile.read(file, SafetensorsFormatException::new);
    }

    private static SafetensorsFormatException error(Path file, String problem) {
        return new SafetensorsFormatException(file + ": " + problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
