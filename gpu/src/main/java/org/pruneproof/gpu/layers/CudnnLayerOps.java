package org.pruneproof.gpu.layers;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.pruneproof.gpu.cuda.CudaContext;
import org.pruneproof.gpu.cuda.Cudnn;
import org.pruneproof.gpu.cuda.DeviceBuffer;
import org.pruneproof.gpu.cuda.Driver;

/**
 * {@link LayerOps} on cuDNN 9 (legacy descriptor API), float32 NCHW, on a {@link CudaContext}'s primary
 * context: convolutions with FMA math (no TF32) and the deterministic algorithms (implicit GEMM
 * forward, backward algorithm 1 for data and filter), spatial batch normalisation in training mode,
 * deterministic max pooling, ReLU and {@code cudnnAddTensor}. Workspaces are allocated per call.
 *
 * <p>Untested on a GPU until a device is lent: the device check compares every operation with
 * {@link CpuLayerOps} on random layers.
 */
public final class CudnnLayerOps implements LayerOps {

    /** A tensor in device memory with its cuDNN descriptor (and a filter descriptor when used as one). */
    static final class CudaTensor implements Tensor {
        final Shape4 shape;
        final DeviceBuffer buffer;
        final MemorySegment descriptor;
        MemorySegment filter;

        CudaTensor(CudaContext context, Shape4 shape) {
            this.shape = shape;
            this.buffer = context.allocate((long) shape.size() * Float.BYTES);
            this.descriptor = Cudnn.tensor4d(Cudnn.DATA_FLOAT, shape.n(), shape.c(), shape.h(), shape.w());
        }

        MemorySegment filter() {
            if (filter == null) {
                filter = Cudnn.filter4d(Cudnn.DATA_FLOAT, shape.n(), shape.c(), shape.h(), shape.w());
            }
            return filter;
        }

        long ptr() {
            return buffer.pointer();
        }

        @Override
        public Shape4 shape() {
            return shape;
        }

        @Override
        public void close() {
            if (filter != null) {
                Cudnn.check("cudnnDestroyFilterDescriptor", filter);
            }
            Cudnn.check("cudnnDestroyTensorDescriptor", descriptor);
            buffer.close();
        }
    }

    private final CudaContext context;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment one;
    private final MemorySegment zero;

    /** cuDNN on a context's primary context. */
    public CudnnLayerOps(CudaContext context) {
        this.context = context;
        this.handle = Cudnn.create();
        this.one = Cudnn.scalar(arena, Cudnn.DATA_FLOAT, 1);
        this.zero = Cudnn.scalar(arena, Cudnn.DATA_FLOAT, 0);
    }

    private static CudaTensor t(Tensor t) {
        return (CudaTensor) t;
    }

    @Override
    public Tensor upload(Shape4 shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + shape.size());
        }
        CudaTensor t = new CudaTensor(context, shape);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocateFrom(JAVA_FLOAT, values);
            Driver.copyToDevice(t.ptr(), host, host.byteSize());
        }
        return t;
    }

    @Override
    public Tensor zeros(Shape4 shape) {
        CudaTensor t = new CudaTensor(context, shape);
        Driver.memset(t.ptr(), (byte) 0, t.buffer.bytes());
        return t;
    }

    @Override
    public float[] download(Tensor t) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate((long) t.shape().size() * Float.BYTES, 4);
            Driver.copyToHost(host, t(t).ptr(), host.byteSize());
            return host.toArray(JAVA_FLOAT);
        }
    }

    /**
     * One cuDNN convolution call. All three share one argument pattern: the workspace query
     * {@code (handle, A, B, conv, C, algo, &size)} and the call
     * {@code (handle, α, A, a, B, b, conv, algo, workspace, size, β, C, c)} with output c.
     */
    private void convolutionCall(String query, String call, Window window, MemorySegment aDesc, long a, MemorySegment bDesc,
                                 long b, MemorySegment cDesc, long c, int algorithm) {
        MemorySegment conv = Cudnn.convolution2d(Cudnn.DATA_FLOAT, window.padding(), window.padding(), window.stride(),
                window.stride());
        try {
            long size = Cudnn.workspaceSize(query, handle, aDesc, bDesc, conv, cDesc, algorithm);
            try (DeviceBuffer ws = context.allocate(Math.max(1, size))) {
                Cudnn.check(call, handle, one, aDesc, a, bDesc, b, conv, algorithm, ws.pointer(), size, zero, cDesc, c);
                Driver.synchronize();
            }
        } finally {
            Cudnn.check("cudnnDestroyConvolutionDescriptor", conv);
        }
    }

    @Override
    public void convolutionForward(Tensor x, Tensor w, Window window, Tensor y) {
        CpuLayerOps.requireFilter(w.shape(), window);
        requireShape(window.convolution(x.shape(), w.shape()), y);
        convolutionCall("cudnnGetConvolutionForwardWorkspaceSize", "cudnnConvolutionForward", window, t(x).descriptor, t(x).ptr(),
                t(w).filter(), t(w).ptr(), t(y).descriptor, t(y).ptr(), Cudnn.FWD_ALGO_IMPLICIT_GEMM);
    }

    @Override
    public void convolutionBackwardData(Tensor w, Tensor dy, Window window, Tensor dx) {
        CpuLayerOps.requireFilter(w.shape(), window);
        requireShape(window.convolution(dx.shape(), w.shape()), dy);
        convolutionCall("cudnnGetConvolutionBackwardDataWorkspaceSize", "cudnnConvolutionBackwardData", window, t(w).filter(),
                t(w).ptr(), t(dy).descriptor, t(dy).ptr(), t(dx).descriptor, t(dx).ptr(), Cudnn.BWD_DATA_ALGO_1);
    }

    @Override
    public void convolutionBackwardFilter(Tensor x, Tensor dy, Window window, Tensor dw) {
        CpuLayerOps.requireFilter(dw.shape(), window);
        requireShape(window.convolution(x.shape(), dw.shape()), dy);
        convolutionCall("cudnnGetConvolutionBackwardFilterWorkspaceSize", "cudnnConvolutionBackwardFilter", window,
                t(x).descriptor, t(x).ptr(), t(dy).descriptor, t(dy).ptr(), t(dw).filter(), t(dw).ptr(), Cudnn.BWD_FILTER_ALGO_1);
    }

    @Override
    public void batchNormForward(Tensor x, Tensor gamma, Tensor beta, double epsilon, Tensor y, Tensor mean, Tensor invStd) {
        requireShape(x.shape(), y);
        // running statistics not kept (NULL): only the batch statistics of training mode matter here
        Cudnn.check("cudnnBatchNormalizationForwardTraining", handle, Cudnn.BATCHNORM_SPATIAL, one, zero, t(x).descriptor,
                t(x).ptr(), t(y).descriptor, t(y).ptr(), t(gamma).descriptor, t(gamma).ptr(), t(beta).ptr(), 0.0, 0L, 0L,
                epsilon, t(mean).ptr(), t(invStd).ptr());
        Driver.synchronize();
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor invStd, double epsilon, Tensor dx,
                                  Tensor dgamma, Tensor dbeta) {
        requireShape(x.shape(), dy);
        requireShape(x.shape(), dx);
        Cudnn.check("cudnnBatchNormalizationBackward", handle, Cudnn.BATCHNORM_SPATIAL, one, zero, one, zero, t(x).descriptor,
                t(x).ptr(), t(dy).descriptor, t(dy).ptr(), t(dx).descriptor, t(dx).ptr(), t(gamma).descriptor, t(gamma).ptr(),
                t(dgamma).ptr(), t(dbeta).ptr(), epsilon, t(mean).ptr(), t(invStd).ptr());
        Driver.synchronize();
    }

    private MemorySegment relu() {
        MemorySegment d = Cudnn.created("cudnnCreateActivationDescriptor");
        Cudnn.check("cudnnSetActivationDescriptor", d, Cudnn.ACTIVATION_RELU, Cudnn.NOT_PROPAGATE_NAN, 0.0);
        return d;
    }

    @Override
    public void reluForward(Tensor x, Tensor y) {
        requireShape(x.shape(), y);
        MemorySegment d = relu();
        try {
            Cudnn.check("cudnnActivationForward", handle, d, one, t(x).descriptor, t(x).ptr(), zero, t(y).descriptor, t(y).ptr());
            Driver.synchronize();
        } finally {
            Cudnn.check("cudnnDestroyActivationDescriptor", d);
        }
    }

    @Override
    public void reluBackward(Tensor y, Tensor dy, Tensor dx) {
        requireShape(y.shape(), dy);
        requireShape(y.shape(), dx);
        MemorySegment d = relu();
        try {
            // cuDNN's ReLU backward reads y (and x, which is not used for ReLU: y is passed for both)
            Cudnn.check("cudnnActivationBackward", handle, d, one, t(y).descriptor, t(y).ptr(), t(dy).descriptor, t(dy).ptr(),
                    t(y).descriptor, t(y).ptr(), zero, t(dx).descriptor, t(dx).ptr());
            Driver.synchronize();
        } finally {
            Cudnn.check("cudnnDestroyActivationDescriptor", d);
        }
    }

    private MemorySegment pooling(Window window) {
        MemorySegment d = Cudnn.created("cudnnCreatePoolingDescriptor");
        Cudnn.check("cudnnSetPooling2dDescriptor", d, Cudnn.POOLING_MAX_DETERMINISTIC, Cudnn.NOT_PROPAGATE_NAN, window.kernel(),
                window.kernel(), window.padding(), window.padding(), window.stride(), window.stride());
        return d;
    }

    @Override
    public void maxPoolForward(Tensor x, Window window, Tensor y) {
        requireShape(window.pooling(x.shape()), y);
        MemorySegment d = pooling(window);
        try {
            Cudnn.check("cudnnPoolingForward", handle, d, one, t(x).descriptor, t(x).ptr(), zero, t(y).descriptor, t(y).ptr());
            Driver.synchronize();
        } finally {
            Cudnn.check("cudnnDestroyPoolingDescriptor", d);
        }
    }

    @Override
    public void maxPoolBackward(Tensor x, Tensor y, Tensor dy, Window window, Tensor dx) {
        requireShape(window.pooling(x.shape()), dy);
        requireShape(x.shape(), dx);
        MemorySegment d = pooling(window);
        try {
            Cudnn.check("cudnnPoolingBackward", handle, d, one, t(y).descriptor, t(y).ptr(), t(dy).descriptor, t(dy).ptr(),
                    t(x).descriptor, t(x).ptr(), zero, t(dx).descriptor, t(dx).ptr());
            Driver.synchronize();
        } finally {
            Cudnn.check("cudnnDestroyPoolingDescriptor", d);
        }
    }

    @Override
    public void addInto(Tensor x, Tensor y) {
        requireShape(x.shape(), y);
        Cudnn.check("cudnnAddTensor", handle, one, t(x).descriptor, t(x).ptr(), one, t(y).descriptor, t(y).ptr());
        Driver.synchronize();
    }

    private static void requireShape(Shape4 expected, Tensor t) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException("tensor has shape " + t.shape() + ", expected " + expected);
        }
    }

    @Override
    public String description() {
        return "cuDNN " + Cudnn.version() + " on " + context.name();
    }

    @Override
    public void close() {
        Cudnn.check("cudnnDestroy", handle);
        arena.close();
    }
}
