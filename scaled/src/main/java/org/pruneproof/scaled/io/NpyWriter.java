package org.pruneproof.scaled.io;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes an ND4J array as a NumPy {@code .npy} file (version 1.0, little-endian, C order): FLOAT as
 * float32 ({@code <f4}), DOUBLE as float64 ({@code <f8}), other types as float32. A thin adapter:
 * the format itself is {@link Npy}.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes an array (FLOAT stays float32, DOUBLE float64; other types are written as float32). */
    public static void write(Path file, INDArray array) throws IOException {
        NpyArray a = NpyArray.of(array.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? array
                : array.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        try {
            Npy.write(file, a);
        } catch (NpyFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
