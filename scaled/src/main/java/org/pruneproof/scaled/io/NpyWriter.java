package org.pruneproof.scaled.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes NumPy {@code .npy} files (format version 1.0): little-endian float32 ({@code <f4}) or
 * float64 ({@code <f8}), C order, the header padded so that the data starts at a multiple of 64 bytes.
 * Minimal on purpose; readable by {@code numpy.load}.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes an array (FLOAT stays float32, DOUBLE float64; other types are written as float32). */
    public static void write(Path file, INDArray array) throws IOException {
        boolean dbl = array.dataType() == DataType.DOUBLE;
        INDArray c = array.dup('c');
        long[] shape = c.shape();
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        dims.append(')');
        String dict = "{'descr': '" + (dbl ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int len = header.length();
            out.write(len & 0xff);
            out.write((len >> 8) & 0xff);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            if (dbl) {
                for (double v : c.data().asDouble()) {
                    out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(v)));
                }
            } else {
                for (float v : c.data().asFloat()) {
                    out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
                }
            }
        }
    }
}
