package org.pruneproof.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * cuBLAS ({@code libcublas.so.13}, {@code cublas_api.h}), the v2 API. cuBLAS is <b>column-major</b>:
 * a C-order (row-major) N×m matrix Φ is, unchanged in memory, the column-major m×N matrix Φᵀ with
 * leading dimension m, so Φr is {@code gemv(OP_T, rows = m, cols = N, A = Φ, lda = m, x = r)}.
 * Scalars α, β are passed by host pointer (the default pointer mode). The handle runs on the current
 * context (the primary one, {@link Driver#retainPrimaryContext}). For checks against the CPU engines
 * the math mode is {@link #PEDANTIC_MATH}: no TF32 or other reduced-precision tensor-core paths.
 * {@code cublasStatus_t}, enums, {@code int} → {@code JAVA_INT}; handles and pointers → {@code ADDRESS}.
 */
public final class Cublas {

    /** {@code CUBLAS_OP_N}. */
    public static final int OP_N = 0;
    /** {@code CUBLAS_OP_T}. */
    public static final int OP_T = 1;
    /** {@code CUBLAS_DEFAULT_MATH}. */
    public static final int DEFAULT_MATH = 0;
    /** {@code CUBLAS_PEDANTIC_MATH}: IEEE arithmetic in the stated precision, no TF32. */
    public static final int PEDANTIC_MATH = 2;

    static final NativeFunctions FUNCTIONS = new NativeFunctions(CudaLibrary.CUBLAS, Map.ofEntries(
            Map.entry("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            Map.entry("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("cublasSgemv_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                    JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT)),
            Map.entry("cublasDgemv_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                    JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT)),
            Map.entry("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT)),
            Map.entry("cublasGetStatusString", FunctionDescriptor.of(ADDRESS, JAVA_INT))));

    /** Host scalars α = 1, β = 0 in both precisions, for the lifetime of the process. */
    private static final MemorySegment ONE_F = Arena.global().allocateFrom(JAVA_FLOAT, 1f);
    private static final MemorySegment ZERO_F = Arena.global().allocateFrom(JAVA_FLOAT, 0f);
    private static final MemorySegment ONE_D = Arena.global().allocateFrom(JAVA_DOUBLE, 1.0);
    private static final MemorySegment ZERO_D = Arena.global().allocateFrom(JAVA_DOUBLE, 0.0);

    private Cublas() {
    }

    /** The signatures bound. */
    public static NativeFunctions functions() {
        return FUNCTIONS;
    }

    /** {@code cublasGetStatusString}. */
    public static String errorString(int status) {
        return Strings.read((MemorySegment) FUNCTIONS.call("cublasGetStatusString", status));
    }

    private static void check(String symbol, Object... args) {
        FUNCTIONS.check(symbol, Cublas::errorString, args);
    }

    /** {@code cublasCreate} on the current context. */
    public static MemorySegment create() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cublasCreate_v2", out);
            return out.get(ADDRESS, 0);
        }
    }

    /** {@code cublasDestroy}. */
    public static void destroy(MemorySegment handle) {
        check("cublasDestroy_v2", handle);
    }

    /** {@code cublasGetVersion}: e.g. 130100 for 13.1.0. */
    public static int version(MemorySegment handle) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cublasGetVersion_v2", handle, out);
            return out.get(JAVA_INT, 0);
        }
    }

    /** {@code cublasSetMathMode}. */
    public static void setMathMode(MemorySegment handle, int mode) {
        check("cublasSetMathMode", handle, mode);
    }

    /**
     * {@code y = op(A)·x} in float32 (α = 1, β = 0), A column-major rows×cols with leading dimension lda.
     */
    public static void sgemv(MemorySegment handle, int op, int rows, int cols, long a, int lda, long x, long y) {
        check("cublasSgemv_v2", handle, op, rows, cols, ONE_F, a, lda, x, 1, ZERO_F, y, 1);
    }

    /** {@code y = op(A)·x} in float64 (α = 1, β = 0), A column-major rows×cols with leading dimension lda. */
    public static void dgemv(MemorySegment handle, int op, int rows, int cols, long a, int lda, long x, long y) {
        check("cublasDgemv_v2", handle, op, rows, cols, ONE_D, a, lda, x, 1, ZERO_D, y, 1);
    }

    /** {@code C = op(A)·op(B)} in float32 (α = 1, β = 0), column-major, C m×n, inner dimension k. */
    public static void sgemm(MemorySegment handle, int opA, int opB, int m, int n, int k, long a, int lda, long b, int ldb,
                             long c, int ldc) {
        check("cublasSgemm_v2", handle, opA, opB, m, n, k, ONE_F, a, lda, b, ldb, ZERO_F, c, ldc);
    }
}
