package org.pruneproof.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bindings' descriptors against the C prototypes, transcribed here from the headers ({@code cuda.h}
 * of CUDA 13, {@code nvrtc.h}, {@code cublas_api.h}, cuDNN 9's {@code cudnn_graph.h}/{@code cudnn_ops.h}/
 * {@code cudnn_cnn.h}) and mapped by the x86-64 C ABI: 32-bit integers and enums → int, {@code size_t}
 * and 64-bit integers → long, pointers and opaque handles → address, except pointers into device
 * memory (marked {@code /*dev*}{@code /} below), which the engine passes as their 64-bit value. No GPU
 * is needed; a wrong argument count, order or width in a binding fails here.
 */
class BindingSignaturesTest {

    private static final String DRIVER = """
            CUresult cuInit(unsigned int Flags);
            CUresult cuDriverGetVersion(int *driverVersion);
            CUresult cuDeviceGetCount(int *count);
            CUresult cuDeviceGet(CUdevice *device, int ordinal);
            CUresult cuDeviceGetName(char *name, int len, CUdevice dev);
            CUresult cuDeviceGetAttribute(int *pi, CUdevice_attribute attrib, CUdevice dev);
            CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev);
            CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev);
            CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev);
            CUresult cuCtxSetCurrent(CUcontext ctx);
            CUresult cuCtxSynchronize(void);
            CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t bytesize);
            CUresult cuMemFree_v2(CUdeviceptr dptr);
            CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount);
            CUresult cuMemcpyDtoH_v2(void *dstHost, CUdeviceptr srcDevice, size_t ByteCount);
            CUresult cuMemsetD8_v2(CUdeviceptr dstDevice, unsigned char uc, size_t N);
            CUresult cuModuleLoadData(CUmodule *module, const void *image);
            CUresult cuModuleGetFunction(CUfunction *hfunc, CUmodule hmod, const char *name);
            CUresult cuModuleUnload(CUmodule hmod);
            CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ, unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes, CUstream hStream, void **kernelParams, void **extra);
            CUresult cuStreamSynchronize(CUstream hStream);
            CUresult cuGetErrorString(CUresult error, const char **pStr);
            CUresult cuGetErrorName(CUresult error, const char **pStr);
            """;

    private static final String NVRTC = """
            nvrtcResult nvrtcVersion(int *major, int *minor);
            nvrtcResult nvrtcCreateProgram(nvrtcProgram *prog, const char *src, const char *name, int numHeaders, const char * const *headers, const char * const *includeNames);
            nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int numOptions, const char * const *options);
            nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t *ptxSizeRet);
            nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx);
            nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram prog, size_t *logSizeRet);
            nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char *log);
            nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog);
            const char *nvrtcGetErrorString(nvrtcResult result);
            """;

    private static final String CUBLAS = """
            cublasStatus_t cublasCreate_v2(cublasHandle_t *handle);
            cublasStatus_t cublasDestroy_v2(cublasHandle_t handle);
            cublasStatus_t cublasGetVersion_v2(cublasHandle_t handle, int *version);
            cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode);
            cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId);
            cublasStatus_t cublasSgemv_v2(cublasHandle_t handle, cublasOperation_t trans, int m, int n, const float *alpha, const float */*dev*/A, int lda, const float */*dev*/x, int incx, const float *beta, float */*dev*/y, int incy);
            cublasStatus_t cublasDgemv_v2(cublasHandle_t handle, cublasOperation_t trans, int m, int n, const double *alpha, const double */*dev*/A, int lda, const double */*dev*/x, int incx, const double *beta, double */*dev*/y, int incy);
            cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float *alpha, const float */*dev*/A, int lda, const float */*dev*/B, int ldb, const float *beta, float */*dev*/C, int ldc);
            const char *cublasGetStatusString(cublasStatus_t status);
            """;

    private static final String CUDNN = """
            size_t cudnnGetVersion(void);
            const char *cudnnGetErrorString(cudnnStatus_t status);
            cudnnStatus_t cudnnCreate(cudnnHandle_t *handle);
            cudnnStatus_t cudnnDestroy(cudnnHandle_t handle);
            cudnnStatus_t cudnnCreateTensorDescriptor(cudnnTensorDescriptor_t *tensorDesc);
            cudnnStatus_t cudnnSetTensor4dDescriptor(cudnnTensorDescriptor_t tensorDesc, cudnnTensorFormat_t format, cudnnDataType_t dataType, int n, int c, int h, int w);
            cudnnStatus_t cudnnDestroyTensorDescriptor(cudnnTensorDescriptor_t tensorDesc);
            cudnnStatus_t cudnnCreateFilterDescriptor(cudnnFilterDescriptor_t *filterDesc);
            cudnnStatus_t cudnnSetFilter4dDescriptor(cudnnFilterDescriptor_t filterDesc, cudnnDataType_t dataType, cudnnTensorFormat_t format, int k, int c, int h, int w);
            cudnnStatus_t cudnnDestroyFilterDescriptor(cudnnFilterDescriptor_t filterDesc);
            cudnnStatus_t cudnnCreateConvolutionDescriptor(cudnnConvolutionDescriptor_t *convDesc);
            cudnnStatus_t cudnnSetConvolution2dDescriptor(cudnnConvolutionDescriptor_t convDesc, int pad_h, int pad_w, int u, int v, int dilation_h, int dilation_w, cudnnConvolutionMode_t mode, cudnnDataType_t computeType);
            cudnnStatus_t cudnnSetConvolutionMathType(cudnnConvolutionDescriptor_t convDesc, cudnnMathType_t mathType);
            cudnnStatus_t cudnnDestroyConvolutionDescriptor(cudnnConvolutionDescriptor_t convDesc);
            cudnnStatus_t cudnnGetConvolution2dForwardOutputDim(const cudnnConvolutionDescriptor_t convDesc, const cudnnTensorDescriptor_t inputTensorDesc, const cudnnFilterDescriptor_t filterDesc, int *n, int *c, int *h, int *w);
            cudnnStatus_t cudnnGetConvolutionForwardWorkspaceSize(cudnnHandle_t handle, const cudnnTensorDescriptor_t xDesc, const cudnnFilterDescriptor_t wDesc, const cudnnConvolutionDescriptor_t convDesc, const cudnnTensorDescriptor_t yDesc, cudnnConvolutionFwdAlgo_t algo, size_t *sizeInBytes);
            cudnnStatus_t cudnnConvolutionForward(cudnnHandle_t handle, const void *alpha, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const cudnnFilterDescriptor_t wDesc, const void */*dev*/w, const cudnnConvolutionDescriptor_t convDesc, cudnnConvolutionFwdAlgo_t algo, void */*dev*/workSpace, size_t workSpaceSizeInBytes, const void *beta, const cudnnTensorDescriptor_t yDesc, void */*dev*/y);
            cudnnStatus_t cudnnGetConvolutionBackwardDataWorkspaceSize(cudnnHandle_t handle, const cudnnFilterDescriptor_t wDesc, const cudnnTensorDescriptor_t dyDesc, const cudnnConvolutionDescriptor_t convDesc, const cudnnTensorDescriptor_t dxDesc, cudnnConvolutionBwdDataAlgo_t algo, size_t *sizeInBytes);
            cudnnStatus_t cudnnConvolutionBackwardData(cudnnHandle_t handle, const void *alpha, const cudnnFilterDescriptor_t wDesc, const void */*dev*/w, const cudnnTensorDescriptor_t dyDesc, const void */*dev*/dy, const cudnnConvolutionDescriptor_t convDesc, cudnnConvolutionBwdDataAlgo_t algo, void */*dev*/workSpace, size_t workSpaceSizeInBytes, const void *beta, const cudnnTensorDescriptor_t dxDesc, void */*dev*/dx);
            cudnnStatus_t cudnnGetConvolutionBackwardFilterWorkspaceSize(cudnnHandle_t handle, const cudnnTensorDescriptor_t xDesc, const cudnnTensorDescriptor_t dyDesc, const cudnnConvolutionDescriptor_t convDesc, const cudnnFilterDescriptor_t gradDesc, cudnnConvolutionBwdFilterAlgo_t algo, size_t *sizeInBytes);
            cudnnStatus_t cudnnConvolutionBackwardFilter(cudnnHandle_t handle, const void *alpha, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const cudnnTensorDescriptor_t dyDesc, const void */*dev*/dy, const cudnnConvolutionDescriptor_t convDesc, cudnnConvolutionBwdFilterAlgo_t algo, void */*dev*/workSpace, size_t workSpaceSizeInBytes, const void *beta, const cudnnFilterDescriptor_t dwDesc, void */*dev*/dw);
            cudnnStatus_t cudnnDeriveBNTensorDescriptor(cudnnTensorDescriptor_t derivedBnDesc, const cudnnTensorDescriptor_t xDesc, cudnnBatchNormMode_t mode);
            cudnnStatus_t cudnnBatchNormalizationForwardTraining(cudnnHandle_t handle, cudnnBatchNormMode_t mode, const void *alpha, const void *beta, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const cudnnTensorDescriptor_t yDesc, void */*dev*/y, const cudnnTensorDescriptor_t bnScaleBiasMeanVarDesc, const void */*dev*/bnScale, const void */*dev*/bnBias, double exponentialAverageFactor, void */*dev*/resultRunningMean, void */*dev*/resultRunningVariance, double epsilon, void */*dev*/resultSaveMean, void */*dev*/resultSaveInvVariance);
            cudnnStatus_t cudnnBatchNormalizationBackward(cudnnHandle_t handle, cudnnBatchNormMode_t mode, const void *alphaDataDiff, const void *betaDataDiff, const void *alphaParamDiff, const void *betaParamDiff, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const cudnnTensorDescriptor_t dyDesc, const void */*dev*/dy, const cudnnTensorDescriptor_t dxDesc, void */*dev*/dx, const cudnnTensorDescriptor_t dBnScaleBiasDesc, const void */*dev*/bnScale, void */*dev*/dBnScaleResult, void */*dev*/dBnBiasResult, double epsilon, const void */*dev*/savedMean, const void */*dev*/savedInvVariance);
            cudnnStatus_t cudnnCreatePoolingDescriptor(cudnnPoolingDescriptor_t *poolingDesc);
            cudnnStatus_t cudnnSetPooling2dDescriptor(cudnnPoolingDescriptor_t poolingDesc, cudnnPoolingMode_t mode, cudnnNanPropagation_t maxpoolingNanOpt, int windowHeight, int windowWidth, int verticalPadding, int horizontalPadding, int verticalStride, int horizontalStride);
            cudnnStatus_t cudnnDestroyPoolingDescriptor(cudnnPoolingDescriptor_t poolingDesc);
            cudnnStatus_t cudnnPoolingForward(cudnnHandle_t handle, const cudnnPoolingDescriptor_t poolingDesc, const void *alpha, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const void *beta, const cudnnTensorDescriptor_t yDesc, void */*dev*/y);
            cudnnStatus_t cudnnPoolingBackward(cudnnHandle_t handle, const cudnnPoolingDescriptor_t poolingDesc, const void *alpha, const cudnnTensorDescriptor_t yDesc, const void */*dev*/y, const cudnnTensorDescriptor_t dyDesc, const void */*dev*/dy, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const void *beta, const cudnnTensorDescriptor_t dxDesc, void */*dev*/dx);
            cudnnStatus_t cudnnCreateActivationDescriptor(cudnnActivationDescriptor_t *activationDesc);
            cudnnStatus_t cudnnSetActivationDescriptor(cudnnActivationDescriptor_t activationDesc, cudnnActivationMode_t mode, cudnnNanPropagation_t reluNanOpt, double coef);
            cudnnStatus_t cudnnDestroyActivationDescriptor(cudnnActivationDescriptor_t activationDesc);
            cudnnStatus_t cudnnActivationForward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void *alpha, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const void *beta, const cudnnTensorDescriptor_t yDesc, void */*dev*/y);
            cudnnStatus_t cudnnActivationBackward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void *alpha, const cudnnTensorDescriptor_t yDesc, const void */*dev*/y, const cudnnTensorDescriptor_t dyDesc, const void */*dev*/dy, const cudnnTensorDescriptor_t xDesc, const void */*dev*/x, const void *beta, const cudnnTensorDescriptor_t dxDesc, void */*dev*/dx);
            cudnnStatus_t cudnnAddTensor(cudnnHandle_t handle, const void *alpha, const cudnnTensorDescriptor_t aDesc, const void */*dev*/A, const void *beta, const cudnnTensorDescriptor_t cDesc, void */*dev*/C);
            """;

    private static final Pattern PROTOTYPE = Pattern.compile("\\s*(.+?)\\b(\\w+)\\((.*)\\);\\s*");
    private static final List<String> INT_TYPES = List.of("int", "unsigned int", "CUresult", "CUdevice");
    private static final List<String> LONG_TYPES = List.of("size_t", "CUdeviceptr");

    /** The layout of a C type by the rules in the class comment; null for {@code void}. */
    static MemoryLayout layout(String declaration) {
        String d = declaration.replace("const", " ").trim();
        if (d.contains("/*dev*/")) {
            return ValueLayout.JAVA_LONG;
        }
        if (d.contains("*")) {
            return ValueLayout.ADDRESS;
        }
        String type = d.replaceAll("\\s+\\w+$", "").replaceAll("\\s+", " ").trim();
        if (type.equals("void")) {
            return null;
        }
        if (INT_TYPES.contains(type) || type.endsWith("_t") && !type.endsWith("Handle_t") && !type.endsWith("Descriptor_t")
                && !type.equals("cudaStream_t") && !type.equals("size_t") || type.startsWith("CUdevice_")
                || type.equals("nvrtcResult")) {
            return ValueLayout.JAVA_INT;
        }
        if (LONG_TYPES.contains(type)) {
            return ValueLayout.JAVA_LONG;
        }
        if (type.equals("double")) {
            return ValueLayout.JAVA_DOUBLE;
        }
        if (type.equals("unsigned char")) {
            return ValueLayout.JAVA_BYTE;
        }
        // opaque handles: CUcontext, CUmodule, CUfunction, CUstream, nvrtcProgram, *Handle_t, *Descriptor_t, cudaStream_t
        return ValueLayout.ADDRESS;
    }

    static Map<String, FunctionDescriptor> parse(String header) {
        Map<String, FunctionDescriptor> out = new TreeMap<>();
        for (String line : header.strip().split("\n")) {
            Matcher m = PROTOTYPE.matcher(line);
            assertTrue(m.matches(), line);
            MemoryLayout ret = layout(m.group(1) + " r");
            List<MemoryLayout> args = new ArrayList<>();
            String params = m.group(3).trim();
            if (!params.equals("void")) {
                for (String p : params.split(",")) {
                    args.add(layout(p));
                }
            }
            MemoryLayout[] a = args.toArray(MemoryLayout[]::new);
            out.put(m.group(2), ret == null ? FunctionDescriptor.ofVoid(a) : FunctionDescriptor.of(ret, a));
        }
        return out;
    }

    private static void assertBindings(String header, NativeFunctions functions) {
        Map<String, FunctionDescriptor> expected = parse(header);
        assertEquals(expected.keySet(), new TreeMap<>(functions.signatures()).keySet(), functions.library() + ": functions bound");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), functions.signatures().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void driverBindingsMatchCudaH() {
        assertBindings(DRIVER, Driver.functions());
    }

    @Test
    void nvrtcBindingsMatchNvrtcH() {
        assertBindings(NVRTC, Nvrtc.functions());
    }

    @Test
    void cublasBindingsMatchCublasApiH() {
        assertBindings(CUBLAS, Cublas.functions());
    }

    @Test
    void cudnnBindingsMatchTheCudnn9Headers() {
        assertBindings(CUDNN, Cudnn.functions());
    }

    @Test
    void theTranscriptionRulesDistinguishWidths() {
        // the parser itself: a size_t is not an int, a device pointer is not an address
        FunctionDescriptor d = parse("CUresult f(size_t a, int b, const float */*dev*/c, void *d, double e);").get("f");
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_DOUBLE), d);
    }

    @Test
    void anUnboundSymbolIsRefusedBeforeAnyLibraryIsOpened() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Driver.functions().handle("cuNoSuchCall"));
        assertTrue(e.getMessage().contains("no signature for cuNoSuchCall in libcuda.so.1"), e.getMessage());
    }
}
