package org.pruneproof.reference.conv;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * A four-dimensional array in row-major NCHW order: entry (b, c, y, x) at
 * {@code ((b·C + c)·H + y)·W + x}. Held as an EJML matrix with one row per batch item (B × C·H·W),
 * so that a row is one item's feature map. Also used for OIYX convolution weights (O, I/groups, kh, kw).
 */
public final class Tensor4 {

    private final int batch;
    private final int channels;
    private final int height;
    private final int width;
    private final DMatrixRMaj values;

    private Tensor4(int batch, int channels, int height, int width, double[] data) {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("tensor shape must be positive, got " + shape(batch, channels, height, width));
        }
        this.batch = batch;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.values = DMatrixRMaj.wrap(batch, channels * height * width, data);
    }

    /** A tensor of zeros of shape [b, c, h, w]. */
    public static Tensor4 zeros(int b, int c, int h, int w) {
        return new Tensor4(b, c, h, w, new double[Math.multiplyExact(Math.multiplyExact(b, c), Math.multiplyExact(h, w))]);
    }

    /** A tensor of shape [b, c, h, w] holding a copy of {@code data} in NCHW order. */
    public static Tensor4 of(int b, int c, int h, int w, double... data) {
        long size = (long) b * c * h * w;
        if (data.length != size) {
            throw new IllegalArgumentException("shape " + shape(b, c, h, w) + " needs " + size + " values, got " + data.length);
        }
        return new Tensor4(b, c, h, w, data.clone());
    }

    /** A tensor of zeros with the shape of this one. */
    public Tensor4 zerosLike() {
        return zeros(batch, channels, height, width);
    }

    /** A copy. */
    public Tensor4 copy() {
        return new Tensor4(batch, channels, height, width, values.data.clone());
    }

    public int batch() {
        return batch;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of entries B·C·H·W. */
    public int size() {
        return values.data.length;
    }

    /** Entry (b, c, y, x). */
    public double get(int b, int c, int y, int x) {
        return values.data[index(b, c, y, x)];
    }

    /** Sets entry (b, c, y, x). */
    public void set(int b, int c, int y, int x, double v) {
        values.data[index(b, c, y, x)] = v;
    }

    /** Adds v to entry (b, c, y, x). */
    public void add(int b, int c, int y, int x, double v) {
        values.data[index(b, c, y, x)] += v;
    }

    /** The k-th entry in NCHW order. */
    public double get(int k) {
        return values.data[k];
    }

    /** Sets the k-th entry in NCHW order. */
    public void set(int k, double v) {
        values.data[k] = v;
    }

    /** A copy of the entries in NCHW order. */
    public double[] toArray() {
        return values.data.clone();
    }

    /** The entries as an EJML matrix, B × C·H·W (a copy). */
    public DMatrixRMaj toMatrix() {
        return values.copy();
    }

    /** Whether {@code other} has the same shape. */
    public boolean sameShape(Tensor4 other) {
        return batch == other.batch && channels == other.channels && height == other.height && width == other.width;
    }

    /** The shape as "[b, c, h, w]". */
    public String shape() {
        return shape(batch, channels, height, width);
    }

    /** Throws unless {@code other} has this tensor's shape; {@code what} names it in the message. */
    void requireSameShape(Tensor4 other, String what) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(what + " has shape " + other.shape() + ", expected " + shape());
        }
    }

    private int index(int b, int c, int y, int x) {
        if (b < 0 || b >= batch || c < 0 || c >= channels || y < 0 || y >= height || x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("index (" + b + ", " + c + ", " + y + ", " + x + ") outside " + shape());
        }
        return ((b * channels + c) * height + y) * width + x;
    }

    private static String shape(int b, int c, int h, int w) {
        return "[" + b + ", " + c + ", " + h + ", " + w + "]";
    }

    @Override
    public String toString() {
        return "Tensor4" + shape() + Arrays.toString(values.data);
    }
}
