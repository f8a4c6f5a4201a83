package org.pruneproof.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * cuDNN 9 ({@code libcudnn.so.9}; {@code cudnn_graph.h}, {@code cudnn_ops.h}, {@code cudnn_cnn.h}), the
 * legacy descriptor API for what pruning-at-initialisation scores need: convolution forward and
 * backward (data and filter), batch normalisation in training mode forward and backward, pooling and
 * activation forward and backward, and tensor addition (residuals). {@code cudnnStatus_t}, enums and
 * {@code int} → {@code JAVA_INT}; {@code double} → {@code JAVA_DOUBLE}; handles, descriptors, host
 * scalars α/β and out-parameters → {@code ADDRESS}; device data pointers are passed as their 64-bit
 * value, {@code JAVA_LONG} (the same register class as a pointer in the x86-64 and AArch64 C ABIs), and
 * {@code size_t} → {@code JAVA_LONG}. For checks against the CPU engines the convolutions use
 * {@link #FMA_MATH} (no tensor-core TF32) and the deterministic algorithms named below.
 *
 * <p>Several of these functions are marked deprecated in cuDNN 9 in favour of the graph API; they are
 * present in every cuDNN 9 release.
 */
public final class Cudnn {

    /** {@code CUDNN_TENSOR_NCHW}. */
    public static final int TENSOR_NCHW = 0;
    /** {@code CUDNN_DATA_FLOAT}. */
    public static final int DATA_FLOAT = 0;
    /** {@code CUDNN_DATA_DOUBLE}. */
    public static final int DATA_DOUBLE = 1;
    /** {@code CUDNN_CROSS_CORRELATION} (what deep-learning "convolution" computes). */
    public static final int CROSS_CORRELATION = 1;
    /** {@code CUDNN_FMA_MATH}: no tensor-core (TF32 or reduced-precision) kernels. */
    public static final int FMA_MATH = 3;
    /** {@code CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM}. */
    public static final int FWD_ALGO_IMPLICIT_GEMM = 0;
    /** {@code CUDNN_CONVOLUTION_BWD_DATA_ALGO_1} (deterministic). */
    public static final int BWD_DATA_ALGO_1 = 1;
    /** {@code CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1} (deterministic). */
    public static final int BWD_FILTER_ALGO_1 = 1;
    /** {@code CUDNN_BATCHNORM_SPATIAL}: one mean and variance per channel. */
    public static final int BATCHNORM_SPATIAL = 1;
    /** {@code CUDNN_POOLING_MAX_DETERMINISTIC}. */
    public static final int POOLING_MAX_DETERMINISTIC = 3;
    /** {@code CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING}. */
    public static final int POOLING_AVERAGE_EXCLUDE_PADDING = 2;
    /** {@code CUDNN_NOT_PROPAGATE_NAN}. */
    public static final int NOT_PROPAGATE_NAN = 0;
    /** {@code CUDNN_ACTIVATION_RELU}. */
    public static final int ACTIVATION_RELU = 1;
    /** {@code CUDNN_ACTIVATION_TANH}. */
    public static final int ACTIVATION_TANH = 2;

    static final NativeFunctions FUNCTIONS = new NativeFunctions(CudaLibrary.CUDNN, Map.ofEntries(
            Map.entry("cudnnGetVersion", FunctionDescriptor.of(JAVA_LONG)),
            Map.entry("cudnnGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
            Map.entry("cudnnCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnCreateTensorDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnSetTensor4dDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
            Map.entry("cudnnDestroyTensorDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnCreateFilterDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnSetFilter4dDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
            Map.entry("cudnnDestroyFilterDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnCreateConvolutionDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnSetConvolution2dDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
            Map.entry("cudnnSetConvolutionMathType", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            Map.entry("cudnnDestroyConvolutionDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnGetConvolution2dForwardOutputDim", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
            Map.entry("cudnnGetConvolutionForwardWorkspaceSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
            Map.entry("cudnnConvolutionForward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnGetConvolutionBackwardDataWorkspaceSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
            Map.entry("cudnnConvolutionBackwardData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnGetConvolutionBackwardFilterWorkspaceSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
            Map.entry("cudnnConvolutionBackwardFilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnDeriveBNTensorDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
            Map.entry("cudnnBatchNormalizationForwardTraining", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG)),
            Map.entry("cudnnBatchNormalizationBackward", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG)),
            Map.entry("cudnnCreatePoolingDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnSetPooling2dDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
            Map.entry("cudnnDestroyPoolingDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnPoolingForward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnPoolingBackward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnCreateActivationDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnSetActivationDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_DOUBLE)),
            Map.entry("cudnnDestroyActivationDescriptor", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cudnnActivationForward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnActivationBackward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
            Map.entry("cudnnAddTensor", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG))));

    private Cudnn() {
    }

    /** The signatures bound. */
    public static NativeFunctions functions() {
        return FUNCTIONS;
    }

    /** {@code cudnnGetErrorString}. */
    public static String errorString(int status) {
        return Strings.read((MemorySegment) FUNCTIONS.call("cudnnGetErrorString", status));
    }

    /** Calls a cuDNN function returning {@code cudnnStatus_t}, throwing {@link CudaException} on failure. */
    public static void check(String symbol, Object... args) {
        FUNCTIONS.check(symbol, Cudnn::errorString, args);
    }

    /** {@code cudnnGetVersion}: e.g. 91900 for 9.19.0. */
    public static long version() {
        return (long) FUNCTIONS.call("cudnnGetVersion");
    }

    /** {@code cudnnCreate} on the current context. */
    public static MemorySegment create() {
        return created("cudnnCreate");
    }

    /**
     * Calls a {@code cudnnCreate…(T* out)} function and returns the object created
     * ({@code cudnnCreateTensorDescriptor}, {@code cudnnCreateFilterDescriptor}, …).
     */
    public static MemorySegment created(String symbol) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(symbol, out);
            return out.get(ADDRESS, 0);
        }
    }

    /** A float32 or float64 NCHW tensor descriptor. */
    public static MemorySegment tensor4d(int dataType, int n, int c, int h, int w) {
        MemorySegment d = created("cudnnCreateTensorDescriptor");
        check("cudnnSetTensor4dDescriptor", d, TENSOR_NCHW, dataType, n, c, h, w);
        return d;
    }

    /** A K×C×R×S (output channels × input channels × kernel height × width) filter descriptor. */
    public static MemorySegment filter4d(int dataType, int k, int c, int r, int s) {
        MemorySegment d = created("cudnnCreateFilterDescriptor");
        check("cudnnSetFilter4dDescriptor", d, dataType, TENSOR_NCHW, k, c, r, s);
        return d;
    }

    /** A 2-D cross-correlation descriptor, no dilation, FMA math (no TF32). */
    public static MemorySegment convolution2d(int dataType, int padH, int padW, int strideH, int strideW) {
        MemorySegment d = created("cudnnCreateConvolutionDescriptor");
        check("cudnnSetConvolution2dDescriptor", d, padH, padW, strideH, strideW, 1, 1, CROSS_CORRELATION, dataType);
        check("cudnnSetConvolutionMathType", d, FMA_MATH);
        return d;
    }

    /** The four output dimensions {n, c, h, w} of a convolution. */
    public static int[] convolutionOutput(MemorySegment conv, MemorySegment input, MemorySegment filter) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dims = a.allocate(JAVA_INT, 4);
            check("cudnnGetConvolution2dForwardOutputDim", conv, input, filter, dims, dims.asSlice(4), dims.asSlice(8),
                    dims.asSlice(12));
            return dims.toArray(JAVA_INT);
        }
    }

    /** Reads a {@code size_t} out-parameter filled by a workspace-size query. */
    public static long workspaceSize(String symbol, MemorySegment handle, MemorySegment a, MemorySegment b,
                                     MemorySegment conv, MemorySegment c, int algorithm) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check(symbol, handle, a, b, conv, c, algorithm, out);
            return out.get(JAVA_LONG, 0);
        }
    }

    /** A host scalar for α/β in the tensor's precision (cuDNN takes float scalars for float data, double for double). */
    public static MemorySegment scalar(Arena arena, int dataType, double value) {
        return dataType == DATA_DOUBLE ? arena.allocateFrom(JAVA_DOUBLE, value)
                : arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, (float) value);
    }
}
