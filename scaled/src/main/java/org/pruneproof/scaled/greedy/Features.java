package org.pruneproof.scaled.greedy;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyType;

/**
 * The N×m feature matrix Φ of greedy selection (row i = outputs φ_i of neuron i on the m points),
 * held once in native memory in the working precision, C order, with the squared row norms
 * {@code ‖φ_i‖²} precomputed in double (the η²·‖φ_i‖² term of every greedy step).
 *
 * <p>Rows are read through a direct NIO view of the native buffer, so N·m must fit in an int
 * (2³¹ − 1 elements: 8 GiB of float32).
 */
public final class Features {

    private final INDArray phi;
    private final Precision precision;
    private final int neurons;
    private final int points;
    private final double[] squaredNorms;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    private Features(INDArray phi, Precision precision) {
        this.phi = phi;
        this.precision = precision;
        this.neurons = (int) phi.rows();
        this.points = (int) phi.columns();
        this.floats = precision == Precision.FLOAT32 ? phi.data().asNioFloat() : null;
        this.doubles = precision == Precision.FLOAT64 ? phi.data().asNioDouble() : null;
        this.squaredNorms = new double[neurons];
        for (int i = 0; i < neurons; i++) {
            double s = 0;
            long off = (long) i * points;
            for (int j = 0; j < points; j++) {
                double v = at(off + j);
                s += v * v;
            }
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("row " + i + " of the feature matrix has a non-finite entry"
                        + " (or its squared norm overflows)");
            }
            squaredNorms[i] = s;
        }
    }

    /**
     * Features from an ND4J matrix: it is converted to the precision's data type and copied to a fresh
     * C-order buffer when it is not one already.
     *
     * @param phi N×m matrix, N, m ≥ 1
     */
    public static Features of(INDArray phi, Precision precision) {
        Nd4jDefaults.apply();
        if (phi.rank() != 2 || phi.rows() < 1 || phi.columns() < 1) {
            throw new IllegalArgumentException("feature matrix must be N×m with N, m ≥ 1, got shape "
                    + java.util.Arrays.toString(phi.shape()));
        }
        requireIntSize(phi.rows(), phi.columns());
        INDArray p = phi.dataType() == precision.dataType() ? phi : phi.castTo(precision.dataType());
        if (p.ordering() != 'c' || p.isView() || p.data().offset() != 0 || p.data().length() != p.length()) {
            p = p.dup('c');
        }
        return new Features(p, precision);
    }

    /** Features from rows φ_i given as Java arrays (all of the same length m ≥ 1). */
    public static Features of(double[][] phi, Precision precision) {
        Nd4jDefaults.apply();
        if (phi.length < 1 || phi[0].length < 1) {
            throw new IllegalArgumentException("feature matrix must be N×m with N, m ≥ 1");
        }
        int n = phi.length;
        int m = phi[0].length;
        requireIntSize(n, m);
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (phi[i].length != m) {
                throw new IllegalArgumentException("row " + i + " has length " + phi[i].length + ", expected " + m);
            }
            System.arraycopy(phi[i], 0, flat, i * m, m);
        }
        INDArray a = Nd4j.create(flat, new long[] {n, m}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return of(a, precision);
    }

    /**
     * Features from a 2-D .npy array (any supported element type), converted to the precision.
     *
     * @throws IllegalArgumentException when the array is not N×m with N, m ≥ 1
     */
    public static Features of(NpyArray array, Precision precision) {
        Nd4jDefaults.apply();
        long[] shape = array.shape();
        if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new IllegalArgumentException("expected a matrix N×m with N, m ≥ 1 (row i = outputs of neuron i), got shape "
                    + java.util.Arrays.toString(shape));
        }
        requireIntSize(shape[0], shape[1]);
        INDArray a = Nd4j.create(precision.dataType(), shape[0], shape[1]);
        int count = (int) (shape[0] * shape[1]);
        java.nio.ByteBuffer raw = array.bytes();
        if (precision == Precision.FLOAT32) {
            FloatBuffer dst = a.data().asNioFloat();
            if (array.type() == NpyType.FLOAT32) {
                dst.put(raw.asFloatBuffer());
            } else {
                for (int k = 0; k < count; k++) {
                    dst.put(k, (float) array.getDouble(k));
                }
            }
        } else {
            DoubleBuffer dst = a.data().asNioDouble();
            if (array.type() == NpyType.FLOAT64) {
                dst.put(raw.asDoubleBuffer());
            } else {
                for (int k = 0; k < count; k++) {
                    dst.put(k, array.getDouble(k));
                }
            }
        }
        return new Features(a, precision);
    }

    private static void requireIntSize(long n, long m) {
        if (n * m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feature matrix " + n + "×" + m + " has more than 2³¹ − 1 entries");
        }
    }

    /** N, the number of neurons (rows). */
    public int neurons() {
        return neurons;
    }

    /** m, the number of points (columns). */
    public int points() {
        return points;
    }

    /** The working precision. */
    public Precision precision() {
        return precision;
    }

    /** Φ itself (N×m, C order, in the working precision); do not modify. */
    public INDArray matrix() {
        return phi;
    }

    /** ‖φ_i‖², accumulated in double from the stored (rounded) entries. */
    public double squaredNorm(int i) {
        return squaredNorms[i];
    }

    /** Bytes of the stored matrix, N·m·(bytes per element). */
    public long bytes() {
        return (long) neurons * points * precision.bytes();
    }

    /** Entry Φ[i][j] as stored, widened to double. */
    public double get(int i, int j) {
        return at((long) i * points + j);
    }

    /**
     * Copies row φ_i as stored, widened to double, into {@code dst} (length m), reading the native
     * buffer in bulk.
     *
     * @param scratch a work array of length m for float32 features (unused, may be null, for float64)
     */
    void copyRow(int i, double[] dst, float[] scratch) {
        int off = i * points;
        if (floats != null) {
            floats.get(off, scratch, 0, points);
            for (int j = 0; j < points; j++) {
                dst[j] = scratch[j];
            }
        } else {
            doubles.get(off, dst, 0, points);
        }
    }

    /** Copies row φ_i of float32 features, as stored, into {@code dst} (length m). */
    void copyRow(int i, float[] dst) {
        if (floats == null) {
            throw new IllegalStateException("float32 rows of float64 features");
        }
        floats.get(i * points, dst, 0, points);
    }

    double at(long flat) {
        return floats != null ? floats.get((int) flat) : doubles.get((int) flat);
    }
}
