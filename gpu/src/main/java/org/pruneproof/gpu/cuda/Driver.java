package org.pruneproof.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The CUDA driver API ({@code libcuda.so.1}, {@code cuda.h}), the calls the engine needs. C types:
 * {@code CUresult}, {@code CUdevice}, {@code unsigned int}, {@code int} → {@code JAVA_INT};
 * {@code CUdeviceptr} (an {@code unsigned long long}) and {@code size_t} → {@code JAVA_LONG}; handles
 * ({@code CUcontext}, {@code CUmodule}, {@code CUfunction}, {@code CUstream}) and pointers →
 * {@code ADDRESS}. The versioned symbols ({@code _v2}) are those {@code cuda.h} maps the plain names to.
 * cuBLAS and cuDNN run on the device's primary context, so the engine retains that one
 * ({@link #retainPrimaryContext}) instead of creating its own.
 */
public final class Driver {

    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
    public static final int ATTRIBUTE_CC_MAJOR = 75;
    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
    public static final int ATTRIBUTE_CC_MINOR = 76;

    static final NativeFunctions FUNCTIONS = new NativeFunctions(CudaLibrary.DRIVER, Map.ofEntries(
            Map.entry("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
            Map.entry("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            Map.entry("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
            Map.entry("cuDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
            Map.entry("cuDeviceTotalMem_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            Map.entry("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
            Map.entry("cuDevicePrimaryCtxRelease_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
            Map.entry("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT)),
            Map.entry("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)),
            Map.entry("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG)),
            Map.entry("cuMemcpyHtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG)),
            Map.entry("cuMemcpyDtoH_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG)),
            Map.entry("cuMemsetD8_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG)),
            Map.entry("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("cuModuleGetFunction", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
            Map.entry("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
            Map.entry("cuStreamSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
            Map.entry("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS))));

    private Driver() {
    }

    /** The signatures bound (for tests and diagnostics). */
    public static NativeFunctions functions() {
        return FUNCTIONS;
    }

    private static void check(String symbol, Object... args) {
        FUNCTIONS.check(symbol, Driver::errorString, args);
    }

    /** {@code cuGetErrorName}: {@code cuGetErrorString} of a status, e.g. "CUDA_ERROR_OUT_OF_MEMORY: out of memory". */
    public static String errorString(int status) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocate(ADDRESS);
            MemorySegment text = a.allocate(ADDRESS);
            int r1 = (int) FUNCTIONS.call("cuGetErrorName", status, name);
            int r2 = (int) FUNCTIONS.call("cuGetErrorString", status, text);
            return (r1 == 0 ? Strings.read(name.get(ADDRESS, 0)) : "unknown status")
                    + (r2 == 0 ? ": " + Strings.read(text.get(ADDRESS, 0)) : "");
        }
    }

    /** {@code cuInit(0)}. */
    public static void init() {
        check("cuInit", 0);
    }

    /** {@code cuDriverGetVersion}: 1000·major + 10·minor (13000 for CUDA 13.0). */
    public static int driverVersion() {
        return intOut("cuDriverGetVersion");
    }

    /** {@code cuDeviceGetCount}. */
    public static int deviceCount() {
        return intOut("cuDeviceGetCount");
    }

    /** {@code cuDeviceGet}: the handle of device {@code ordinal}. */
    public static int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGet", out, ordinal);
            return out.get(JAVA_INT, 0);
        }
    }

    /** {@code cuDeviceGetName}. */
    public static String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            check("cuDeviceGetName", out, 256, device);
            return out.getString(0);
        }
    }

    /** {@code cuDeviceGetAttribute}. */
    public static int attribute(int device, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGetAttribute", out, attribute, device);
            return out.get(JAVA_INT, 0);
        }
    }

    /** {@code cuDeviceTotalMem}: bytes of device memory. */
    public static long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuDeviceTotalMem_v2", out, device);
            return out.get(JAVA_LONG, 0);
        }
    }

    /** {@code cuDevicePrimaryCtxRetain}: the device's primary context (shared with cuBLAS and cuDNN). */
    public static MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain", out, device);
            return out.get(ADDRESS, 0);
        }
    }

    /** {@code cuDevicePrimaryCtxRelease}. */
    public static void releasePrimaryContext(int device) {
        check("cuDevicePrimaryCtxRelease_v2", device);
    }

    /** {@code cuCtxSetCurrent}: binds a context to the calling thread. */
    public static void setCurrent(MemorySegment context) {
        check("cuCtxSetCurrent", context);
    }

    /** {@code cuCtxSynchronize}: waits for all work of the current context. */
    public static void synchronize() {
        check("cuCtxSynchronize");
    }

    /** {@code cuMemAlloc}: a device allocation of {@code bytes} ≥ 1 bytes. */
    public static long memAlloc(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("allocation size must be ≥ 1 byte, got " + bytes);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuMemAlloc_v2", out, bytes);
            return out.get(JAVA_LONG, 0);
        }
    }

    /** {@code cuMemFree}. */
    public static void memFree(long pointer) {
        check("cuMemFree_v2", pointer);
    }

    /** {@code cuMemcpyHtoD}: copies {@code bytes} from host memory to the device (synchronous). */
    public static void copyToDevice(long device, MemorySegment host, long bytes) {
        requireSize(host, bytes);
        check("cuMemcpyHtoD_v2", device, host, bytes);
    }

    /** {@code cuMemcpyDtoH}: copies {@code bytes} from the device to host memory (synchronous). */
    public static void copyToHost(MemorySegment host, long device, long bytes) {
        requireSize(host, bytes);
        check("cuMemcpyDtoH_v2", host, device, bytes);
    }

    /** {@code cuMemsetD8}: sets {@code bytes} bytes to a value. */
    public static void memset(long device, byte value, long bytes) {
        check("cuMemsetD8_v2", device, value, bytes);
    }

    /** {@code cuModuleLoadData}: loads a module from a NUL-terminated PTX image. */
    public static MemorySegment loadModule(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleLoadData", out, image);
            return out.get(ADDRESS, 0);
        }
    }

    /** {@code cuModuleGetFunction}. */
    public static MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleGetFunction", out, module, a.allocateFrom(name));
            return out.get(ADDRESS, 0);
        }
    }

    /** {@code cuModuleUnload}. */
    public static void unloadModule(MemorySegment module) {
        check("cuModuleUnload", module);
    }

    /**
     * {@code cuLaunchKernel} on a stream ({@link MemorySegment#NULL} for the legacy default stream).
     *
     * @param parameters a {@code void*[]} whose k-th entry points at the k-th kernel argument
     */
    public static void launch(MemorySegment function, int[] grid, int[] block, int sharedBytes, MemorySegment stream,
                              MemorySegment parameters) {
        if (grid.length != 3 || block.length != 3) {
            throw new IllegalArgumentException("grid and block need 3 dimensions each");
        }
        check("cuLaunchKernel", function, grid[0], grid[1], grid[2], block[0], block[1], block[2], sharedBytes, stream,
                parameters, MemorySegment.NULL);
    }

    /** {@code cuStreamSynchronize}. */
    public static void streamSynchronize(MemorySegment stream) {
        check("cuStreamSynchronize", stream);
    }

    private static int intOut(String symbol) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(symbol, out);
            return out.get(JAVA_INT, 0);
        }
    }

    private static void requireSize(MemorySegment host, long bytes) {
        if (bytes < 0 || host.byteSize() < bytes) {
            throw new IllegalArgumentException("host buffer of " + host.byteSize() + " bytes for a copy of " + bytes);
        }
    }
}
