package org.pruneproof.gpu.cuda;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GPU ready for work: the driver initialised, the device's primary context retained and current on
 * the calling thread (cuBLAS and cuDNN use it), and a cuBLAS handle in {@link Cublas#PEDANTIC_MATH}
 * (no TF32). All calls must come from the thread that opened it.
 */
public final class CudaContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CudaContext.class);

    private final int device;
    private final MemorySegment context;
    private final MemorySegment cublas;
    private final String name;
    private final int major;
    private final int minor;
    private final long totalMemory;
    private final int driverVersion;
    private final java.util.Map<String, MemorySegment> modules = new java.util.HashMap<>();
    private boolean closed;

    private CudaContext(int ordinal) {
        Driver.init();
        int count = Driver.deviceCount();
        if (ordinal < 0 || ordinal >= count) {
            throw new CudaUnavailableException("no GPU " + ordinal + ": the CUDA driver reports " + count + " device(s)");
        }
        this.driverVersion = Driver.driverVersion();
        this.device = Driver.device(ordinal);
        this.context = Driver.retainPrimaryContext(device);
        Driver.setCurrent(context);
        this.name = Driver.deviceName(device);
        this.major = Driver.attribute(device, Driver.ATTRIBUTE_CC_MAJOR);
        this.minor = Driver.attribute(device, Driver.ATTRIBUTE_CC_MINOR);
        this.totalMemory = Driver.totalMemory(device);
        this.cublas = Cublas.create();
        Cublas.setMathMode(cublas, Cublas.PEDANTIC_MATH);
        LOG.info("GPU {}: {} (sm_{}{}), {} MiB, driver API {}", ordinal, name, major, minor, totalMemory >> 20, driverVersion);
    }

    /**
     * Opens GPU {@code ordinal} (0 for the first).
     *
     * @throws CudaUnavailableException when a library is missing or there is no such device
     * @throws CudaException            when a CUDA call fails
     */
    public static CudaContext open(int ordinal) {
        return new CudaContext(ordinal);
    }

    /** The device's name, e.g. "NVIDIA H200". */
    public String name() {
        return name;
    }

    /** Compute capability as "9.0". */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** Bytes of device memory. */
    public long totalMemory() {
        return totalMemory;
    }

    /** {@code cuDriverGetVersion}. */
    public int driverVersion() {
        return driverVersion;
    }

    /** The cuBLAS handle (pedantic math). */
    public MemorySegment cublas() {
        return cublas;
    }

    /** A device allocation. */
    public DeviceBuffer allocate(long bytes) {
        return new DeviceBuffer(Driver.memAlloc(bytes), bytes);
    }

    /**
     * Compiles CUDA C++ source with NVRTC for this device's architecture, without fused multiply–add
     * contraction (so that sums are rounded as Java rounds them), and loads it; once per source and
     * context (the module stays loaded until {@link #close}).
     *
     * @return the module handle
     */
    public MemorySegment load(String source, String fileName) {
        return modules.computeIfAbsent(source, s -> Driver.loadModule(Nvrtc.compile(s, fileName,
                List.of("--gpu-architecture=compute_" + major + minor, "--fmad=false", "--std=c++17"))));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (MemorySegment module : modules.values()) {
                Driver.unloadModule(module);
            }
            Cublas.destroy(cublas);
            Driver.releasePrimaryContext(device);
        }
    }
}
