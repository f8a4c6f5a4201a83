package org.pruneproof.gpu.greedy;

/**
 * The device on the CPU: Φ in a Java array in the working precision, (Φr)_i accumulated in double
 * and rounded to the working precision. The dry run of the device check and the tests use it in place
 * of {@link CudaGreedyDevice}; both serve the same host step.
 */
public final class CpuGreedyDevice implements GreedyDevice {

    private final int n;
    private final int m;
    private final WorkingPrecision precision;
    private final float[] floats;
    private final double[] doubles;
    private final double[] residual;
    private final double[] norms;

    private CpuGreedyDevice(int n, int m, WorkingPrecision precision, float[] floats, double[] doubles) {
        this.n = n;
        this.m = m;
        this.precision = precision;
        this.floats = floats;
        this.doubles = doubles;
        this.residual = new double[m];
        this.norms = new double[n];
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            row(i, row);
            norms[i] = SquaredNorms.of(row, i);
        }
    }

    /** Φ from rows (all of length m ≥ 1, N ≥ 1), rounded to the precision. */
    public static CpuGreedyDevice of(double[][] phi, WorkingPrecision precision) {
        Shapes.requireMatrix(phi);
        int n = phi.length;
        int m = phi[0].length;
        if (precision == WorkingPrecision.FLOAT32) {
            float[] f = new float[Math.multiplyExact(n, m)];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    f[i * m + j] = (float) phi[i][j];
                }
            }
            return new CpuGreedyDevice(n, m, precision, f, null);
        }
        double[] d = new double[Math.multiplyExact(n, m)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(phi[i], 0, d, i * m, m);
        }
        return new CpuGreedyDevice(n, m, precision, null, d);
    }

    /**
     * A synthetic N×m Φ with entries uniform in [−1, 1), entry k = i·m + j the same as the GPU's
     * {@code fill_uniform} kernel makes for the seed (the benchmark's matrix).
     */
    public static CpuGreedyDevice uniform(int n, int m, WorkingPrecision precision, long seed) {
        int count = Math.multiplyExact(n, m);
        if (precision == WorkingPrecision.FLOAT32) {
            float[] f = new float[count];
            for (int k = 0; k < count; k++) {
                f[k] = (float) GreedyKernels.uniform(seed, k);
            }
            return new CpuGreedyDevice(n, m, precision, f, null);
        }
        double[] d = new double[count];
        for (int k = 0; k < count; k++) {
            d[k] = GreedyKernels.uniform(seed, k);
        }
        return new CpuGreedyDevice(n, m, precision, null, d);
    }

    /** Bytes of the stored Φ. */
    public long bytes() {
        return (long) n * m * precision.bytes();
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public int points() {
        return m;
    }

    @Override
    public WorkingPrecision precision() {
        return precision;
    }

    @Override
    public double squaredNorm(int i) {
        return norms[i];
    }

    @Override
    public void setResidual(double[] r) {
        Shapes.requireLength(r, m, "residual");
        for (int j = 0; j < m; j++) {
            residual[j] = precision.round(r[j]);
        }
    }

    @Override
    public void rowProducts(double[] out) {
        Shapes.requireLength(out, n, "output");
        for (int i = 0; i < n; i++) {
            double s = 0;
            int off = i * m;
            if (floats != null) {
                for (int j = 0; j < m; j++) {
                    s += floats[off + j] * residual[j];
                }
            } else {
                for (int j = 0; j < m; j++) {
                    s += doubles[off + j] * residual[j];
                }
            }
            out[i] = precision.round(s);
        }
    }

    @Override
    public void row(int i, double[] dst) {
        int off = i * m;
        if (floats != null) {
            for (int j = 0; j < m; j++) {
                dst[j] = floats[off + j];
            }
        } else {
            System.arraycopy(doubles, off, dst, 0, m);
        }
    }

    @Override
    public String description() {
        return "CPU (Java arrays), " + n + "×" + m + " " + precision;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
