package org.pruneproof.scaled.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The .npy layout, byte by byte, as the NumPy format specification defines it. */
class NpyWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesVersionOneHeaderAlignedTo64AndLittleEndianCOrderData() throws Exception {
        Path f = dir.resolve("a.npy");
        NpyWriter.write(f, Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f'));
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int len = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(0, (10 + len) % 64);
        String header = new String(b, 10, len, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        ByteBuffer data = ByteBuffer.wrap(b, 10 + len, b.length - 10 - len).order(ByteOrder.LITTLE_ENDIAN);
        // the array was created in Fortran order: element (0, 1) is 3 and must come second in C order
        assertEquals(1f, data.getFloat());
        assertEquals(3f, data.getFloat());
        assertEquals(6 * 4, b.length - 10 - len);
    }

    @Test
    void oneDimensionalDoubleShapeHasATrailingComma() throws Exception {
        Path f = dir.resolve("b.npy");
        NpyWriter.write(f, Nd4j.create(new double[] {0.5}, new long[] {1}, DataType.DOUBLE));
        String s = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertTrue(s.contains("'descr': '<f8'") && s.contains("'shape': (1,)"), s);
    }
}
