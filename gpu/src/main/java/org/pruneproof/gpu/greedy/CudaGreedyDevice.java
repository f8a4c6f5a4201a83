package org.pruneproof.gpu.greedy;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.pruneproof.gpu.cuda.Cublas;
import org.pruneproof.gpu.cuda.CudaContext;
import org.pruneproof.gpu.cuda.DeviceBuffer;
import org.pruneproof.gpu.cuda.Driver;

/**
 * The greedy device on a GPU: Φ (N×m, C order) in device memory in the working precision; Φr by one
 * cuBLAS GEMV per step. In cuBLAS' column-major view the C-order N×m matrix Φ is Φᵀ (m×N, leading
 * dimension m), so {@code Φr = gemv(OP_T, m, N, Φ, lda = m, r)}; the math mode is pedantic (no TF32).
 * The squared row norms are computed once by an NVRTC kernel in double, in the host's summation order.
 * Rows for the direct re-evaluation are copied back one at a time (m elements each).
 *
 * <p>Untested on a GPU until a device is lent: the device check ({@code gpu/device-check}) compares its
 * selections with the reference engine's.
 */
public final class CudaGreedyDevice implements GreedyDevice {

    private static final int BLOCK = 256;

    private final CudaContext context;
    private final int n;
    private final int m;
    private final WorkingPrecision precision;
    private final DeviceBuffer phi;
    private final DeviceBuffer r;
    private final DeviceBuffer g;
    private final double[] norms;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment hostResidual;
    private final MemorySegment hostProducts;
    private final MemorySegment hostRow;
    private final MemorySegment module;

    private CudaGreedyDevice(CudaContext context, int n, int m, WorkingPrecision precision) {
        this.context = context;
        this.n = n;
        this.m = m;
        this.precision = precision;
        long bytes = (long) n * m * precision.bytes();
        this.phi = context.allocate(bytes);
        this.r = context.allocate((long) m * precision.bytes());
        this.g = context.allocate((long) n * precision.bytes());
        this.hostResidual = arena.allocate((long) m * precision.bytes(), 8);
        this.hostProducts = arena.allocate((long) n * precision.bytes(), 8);
        this.hostRow = arena.allocate((long) m * precision.bytes(), 8);
        this.module = context.load(GreedyKernels.SOURCE, GreedyKernels.FILE);
        this.norms = new double[n];
    }

    /** Φ from rows (all of length m ≥ 1), rounded to the precision and copied to the GPU. */
    public static CudaGreedyDevice of(CudaContext context, double[][] rows, WorkingPrecision precision) {
        Shapes.requireMatrix(rows);
        int n = rows.length;
        int m = rows[0].length;
        CudaGreedyDevice d = new CudaGreedyDevice(context, n, m, precision);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate((long) n * m * precision.bytes(), 8);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    long k = (long) i * m + j;
                    if (precision == WorkingPrecision.FLOAT32) {
                        host.setAtIndex(JAVA_FLOAT, k, (float) rows[i][j]);
                    } else {
                        host.setAtIndex(JAVA_DOUBLE, k, rows[i][j]);
                    }
                }
            }
            Driver.copyToDevice(d.phi.pointer(), host, host.byteSize());
        }
        d.computeNorms();
        return d;
    }

    /**
     * A synthetic N×m Φ made on the GPU, entries uniform in [−1, 1) ({@link GreedyKernels}), for the
     * bandwidth benchmark.
     */
    public static CudaGreedyDevice uniform(CudaContext context, int n, int m, WorkingPrecision precision, long seed) {
        CudaGreedyDevice d = new CudaGreedyDevice(context, n, m, precision);
        String kernel = precision == WorkingPrecision.FLOAT32 ? "fill_uniform_f32" : "fill_uniform_f64";
        long count = (long) n * m;
        int blocks = (int) Math.min(65_535L * 16, (count + BLOCK - 1) / BLOCK);
        d.launch(kernel, blocks, d.phi.pointer(), count, seed);
        d.computeNorms();
        return d;
    }

    private void computeNorms() {
        try (DeviceBuffer out = context.allocate((long) n * Double.BYTES); Arena a = Arena.ofConfined()) {
            String kernel = precision == WorkingPrecision.FLOAT32 ? "squared_norms_f32" : "squared_norms_f64";
            launch(kernel, (n + BLOCK - 1) / BLOCK, phi.pointer(), (long) n, (long) m, out.pointer());
            MemorySegment host = a.allocate((long) n * Double.BYTES, 8);
            Driver.copyToHost(host, out.pointer(), host.byteSize());
            for (int i = 0; i < n; i++) {
                norms[i] = host.getAtIndex(JAVA_DOUBLE, i);
                if (!Double.isFinite(norms[i])) {
                    throw new IllegalArgumentException("row " + i + " of the feature matrix: squared norm not finite");
                }
            }
        }
    }

    /** Launches a kernel of the module on the default stream and waits; arguments are 64-bit values. */
    private void launch(String kernel, int blocks, long... args) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int k = 0; k < args.length; k++) {
                params.setAtIndex(ADDRESS, k, a.allocateFrom(JAVA_LONG, args[k]));
            }
            Driver.launch(Driver.function(module, kernel), new int[] {blocks, 1, 1}, new int[] {BLOCK, 1, 1}, 0,
                    MemorySegment.NULL, params);
            Driver.synchronize();
        }
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
    public void setResidual(double[] residual) {
        Shapes.requireLength(residual, m, "residual");
        for (int j = 0; j < m; j++) {
            if (precision == WorkingPrecision.FLOAT32) {
                hostResidual.setAtIndex(JAVA_FLOAT, j, (float) residual[j]);
            } else {
                hostResidual.setAtIndex(JAVA_DOUBLE, j, residual[j]);
            }
        }
        Driver.copyToDevice(r.pointer(), hostResidual, r.bytes());
    }

    @Override
    public void rowProducts(double[] out) {
        Shapes.requireLength(out, n, "output");
        if (precision == WorkingPrecision.FLOAT32) {
            Cublas.sgemv(context.cublas(), Cublas.OP_T, m, n, phi.pointer(), m, r.pointer(), g.pointer());
        } else {
            Cublas.dgemv(context.cublas(), Cublas.OP_T, m, n, phi.pointer(), m, r.pointer(), g.pointer());
        }
        Driver.copyToHost(hostProducts, g.pointer(), g.bytes());
        for (int i = 0; i < n; i++) {
            out[i] = precision == WorkingPrecision.FLOAT32 ? hostProducts.getAtIndex(JAVA_FLOAT, i)
                    : hostProducts.getAtIndex(JAVA_DOUBLE, i);
        }
    }

    /** Only the GEMV of {@link #rowProducts}, synchronised (for timing the device's share of a step). */
    public void gemvOnly() {
        if (precision == WorkingPrecision.FLOAT32) {
            Cublas.sgemv(context.cublas(), Cublas.OP_T, m, n, phi.pointer(), m, r.pointer(), g.pointer());
        } else {
            Cublas.dgemv(context.cublas(), Cublas.OP_T, m, n, phi.pointer(), m, r.pointer(), g.pointer());
        }
        Driver.synchronize();
    }

    @Override
    public void row(int i, double[] dst) {
        long bytes = (long) m * precision.bytes();
        Driver.copyToHost(hostRow, phi.pointer() + (long) i * bytes, bytes);
        for (int j = 0; j < m; j++) {
            dst[j] = precision == WorkingPrecision.FLOAT32 ? hostRow.getAtIndex(JAVA_FLOAT, j)
                    : hostRow.getAtIndex(JAVA_DOUBLE, j);
        }
    }

    /** Bytes of Φ on the device. */
    public long bytes() {
        return phi.bytes();
    }

    @Override
    public String description() {
        return context.name() + " (sm_" + context.computeCapability().replace(".", "") + ", cuBLAS pedantic), "
                + n + "×" + m + " " + precision;
    }

    @Override
    public void close() {
        g.close();
        r.close();
        phi.close();
        arena.close();
    }
}
