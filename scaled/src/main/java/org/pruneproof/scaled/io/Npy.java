package org.pruneproof.scaled.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pruneproof.io.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; NumPy's
 * {@code numpy.lib.format}): the magic string {@code \x93NUMPY}, a version, the header length
 * (2 bytes little-endian in 1.0, 4 bytes in 2.0/3.0), a header that is a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, m), }} padded with spaces to a
 * multiple of 64 bytes and ending in a newline, then the elements.
 *
 * <p>Supported: little-endian float32, float64, int32 and int64 ({@code <f4 <f8 <i4 <i8}) in C order,
 * of any shape, up to 2 GiB of data. Anything else — a bad magic string, big-endian data, Fortran
 * order, other or structured types, a header that is not such a dict, missing, extra or truncated
 * data — gives an {@link NpyFormatException} whose message names the file and the problem.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final String SUPPORTED = "<f4 (float32), <f8 (float64), <i4 (int32) or <i8 (int64)";

    private Npy() {
    }

    /**
     * Reads a .npy file.
     *
     * @throws NpyFormatException naming the file and the problem
     */
    public static NpyArray read(Path file) {
        ByteBuffer all = readAll(file);
        for (int k = 0; k < Math.min(MAGIC.length, all.remaining()); k++) {
            if (all.get(k) != MAGIC[k]) {
                throw error(file, "not a .npy file: it does not start with the magic string \\x93NUMPY");
            }
        }
        if (all.remaining() < 10) {
            throw error(file, "too short to be a .npy file (" + all.remaining() + " bytes)");
        }
        int major = all.get(6) & 0xff;
        int minor = all.get(7) & 0xff;
        int headerStart;
        long headerLength;
        if (major == 1) {
            headerStart = 10;
            headerLength = all.getShort(8) & 0xffff;
        } else if (major == 2 || major == 3) {
            if (all.remaining() < 12) {
                throw error(file, "truncated header");
            }
            headerStart = 12;
            headerLength = all.getInt(8) & 0xffffffffL;
        } else {
            throw error(file, "unsupported .npy format version " + major + "." + minor + " (expected 1.0, 2.0 or 3.0)");
        }
        if (headerStart + headerLength > all.remaining()) {
            throw error(file, "truncated header: " + headerLength + " header bytes announced, file has "
                    + (all.remaining() - headerStart));
        }
        byte[] h = new byte[(int) headerLength];
        all.get(headerStart, h);
        String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        NpyType type = parseType(file, header);
        requireCOrder(file, header);
        long[] shape = parseShape(file, header);
        long expected;
        try {
            expected = Math.multiplyExact(NpyArray.count(shape), (long) type.bytes());
        } catch (ArithmeticException e) {
            throw error(file, "shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        long dataStart = headerStart + headerLength;
        long available = all.remaining() - dataStart;
        if (available < expected) {
            throw error(file, "truncated data: shape " + java.util.Arrays.toString(shape) + " of " + type.descr()
                    + " needs " + expected + " bytes, the file has " + available);
        }
        if (available > expected) {
            throw error(file, (available - expected) + " unexpected bytes after the data of shape "
                    + java.util.Arrays.toString(shape) + " (not a single .npy array?)");
        }
        ByteBuffer data = all.slice((int) dataStart, (int) expected).order(ByteOrder.LITTLE_ENDIAN);
        return NpyArray.wrap(type, shape, data);
    }

    private static ByteBuffer readAll(Path file) {
        return WholeFile.read(file, NpyFormatException::new);
    }

    private static NpyType parseType(Path file, String header) {
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw error(file, "malformed header (expected a Python dict literal): " + abbreviate(header));
        }
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            if (header.matches("(?s).*['\"]descr['\"]\\s*:\\s*\\[.*")) {
                throw error(file, "structured arrays are not supported; expected dtype " + SUPPORTED);
            }
            throw error(file, "malformed header: no 'descr' entry: " + abbreviate(header));
        }
        String descr = d.group(1);
        NpyType type = NpyType.ofDescr(descr);
        if (type == null) {
            if (descr.startsWith(">")) {
                throw error(file, "big-endian data ('" + descr + "') is not supported; save it little-endian, e.g. "
                        + "a.astype('<" + descr.substring(1) + "'), expected dtype " + SUPPORTED);
            }
            throw error(file, "unsupported dtype '" + descr + "'; expected " + SUPPORTED);
        }
        return type;
    }

    private static void requireCOrder(Path file, String header) {
        Matcher f = FORTRAN.matcher(header);
        if (!f.find()) {
            throw error(file, "malformed header: no 'fortran_order' entry: " + abbreviate(header));
        }
        if (f.group(1).equals("True")) {
            throw error(file, "Fortran-order (column-major) arrays are not supported; save "
                    + "numpy.ascontiguousarray(a) instead");
        }
    }

    private static long[] parseShape(Path file, String header) {
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) {
            throw error(file, "malformed header: no 'shape' tuple: " + abbreviate(header));
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw error(file, "malformed shape (" + s.group(1) + "): dimensions must be non-negative integers");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Writes an array as a .npy file (version 1.0, or 2.0 when the header needs it), atomically
     * ({@link AtomicFiles}).
     *
     * @throws org.pruneproof.io.OutputException naming the file when it cannot be written
     */
    public static void write(Path file, NpyArray array) {
        byte[] header = header(array);
        ByteBuffer data = array.bytes();
        AtomicFiles.write(file, out -> {
            out.write(header);
            WritableByteChannel ch = Channels.newChannel(out);
            while (data.hasRemaining()) {
                ch.write(data);
            }
        });
    }

    /** Magic, version, length and the padded dict header, as NumPy writes them. */
    static byte[] header(NpyArray array) {
        long[] shape = array.shape();
        StringBuilder sh = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            sh.append(k == 0 ? "" : ", ").append(shape[k]);
        }
        sh.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + array.type().descr() + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int prefix = dict.length() + 1 + 10 < 65536 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        if (prefix == 10) {
            b.put((byte) 1).put((byte) 0).putShort((short) text.length());
        } else {
            b.put((byte) 2).put((byte) 0).putInt(text.length());
        }
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static NpyFormatException error(Path file, String problem) {
        return new NpyFormatException(file + ": " + problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
