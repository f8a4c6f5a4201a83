package org.pruneproof.scaled.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as stored in a .npy file: an element type, a shape and the elements in C
 * (row-major) order, kept as little-endian bytes. Values are read out widened to double or long.
 */
public final class NpyArray {

    private final NpyType type;
    private final long[] shape;
    private final ByteBuffer data;

    private NpyArray(NpyType type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long count = count(shape);
        if ((long) data.remaining() != count * type.bytes()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type.descr()
                    + " needs " + count * type.bytes() + " bytes, got " + data.remaining());
        }
    }

    /** An array over existing little-endian bytes (not copied). */
    static NpyArray wrap(NpyType type, long[] shape, ByteBuffer data) {
        return new NpyArray(type, shape, data);
    }

    /** A float64 array of the given shape; {@code values} in C order. */
    public static NpyArray ofDoubles(double[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyType.FLOAT64, shape, b);
    }

    /** A float32 array of the given shape; {@code values} in C order. */
    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyType.FLOAT32, shape, b);
    }

    /** An int32 array of the given shape; {@code values} in C order. */
    public static NpyArray ofInts(int[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyType.INT32, shape, b);
    }

    /** An int64 array of the given shape; {@code values} in C order. */
    public static NpyArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyType.INT64, shape, b);
    }

    /**
     * An ND4J array in C order: FLOAT as float32, DOUBLE as float64, INT as int32, LONG as int64, any
     * other type converted to float32.
     */
    public static NpyArray of(org.nd4j.linalg.api.ndarray.INDArray array) {
        org.nd4j.linalg.api.ndarray.INDArray c = array.dup('c');
        long[] shape = c.shape();
        return switch (c.dataType()) {
            case DOUBLE -> ofDoubles(c.data().asDouble(), shape);
            case INT -> ofInts(c.data().asInt(), shape);
            case LONG -> ofLongs(c.data().asLong(), shape);
            case FLOAT -> ofFloats(c.data().asFloat(), shape);
            default -> ofFloats(c.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat(), shape);
        };
    }

    /** A float64 matrix from rows of equal length. */
    public static NpyArray ofMatrix(double[][] rows) {
        int m = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != m) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + m);
            }
            System.arraycopy(rows[i], 0, flat, i * m, m);
        }
        return ofDoubles(flat, rows.length, m);
    }

    /** The element type. */
    public NpyType type() {
        return type;
    }

    /** The shape (a copy); empty for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements, the product of the shape. */
    public long size() {
        return count(shape);
    }

    /** The raw little-endian bytes, C order (a read-only view). */
    public ByteBuffer bytes() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code k} (C order) widened to double. */
    public double getDouble(long k) {
        int at = Math.toIntExact(k * type.bytes());
        return switch (type) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case INT32 -> data.getInt(at);
            case INT64 -> data.getLong(at);
        };
    }

    /** Element {@code k} (C order) of an integer array. */
    public long getLong(long k) {
        if (!type.isInteger()) {
            throw new IllegalStateException("not an integer array: " + type.descr());
        }
        int at = Math.toIntExact(k * type.bytes());
        return type == NpyType.INT32 ? data.getInt(at) : data.getLong(at);
    }

    /** All elements widened to double, C order. */
    public double[] toDoubles() {
        double[] out = new double[Math.toIntExact(size())];
        for (int k = 0; k < out.length; k++) {
            out[k] = getDouble(k);
        }
        return out;
    }

    /** A 2-D array as rows (widened to double). */
    public double[][] toMatrix() {
        if (rank() != 2) {
            throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
        }
        int n = Math.toIntExact(shape[0]);
        int m = Math.toIntExact(shape[1]);
        double[][] rows = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                rows[i][j] = getDouble((long) i * m + j);
            }
        }
        return rows;
    }

    static long count(long[] shape) {
        long c = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            c = Math.multiplyExact(c, s);
        }
        return c;
    }

    @Override
    public String toString() {
        return "NpyArray[" + type.descr() + " " + Arrays.toString(shape) + "]";
    }
}
