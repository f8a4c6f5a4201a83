package org.pruneproof.gpu.cuda;

import java.util.List;

/**
 * The CUDA shared libraries the GPU engine binds, by the file name (soname) of the CUDA 13 / cuDNN 9
 * ABI. {@link #preload()} lists libraries that must be loaded first, so that the dynamic linker finds
 * them already loaded when the library itself is opened by absolute path.
 */
public enum CudaLibrary {
    /** The driver API (installed with the NVIDIA driver, not with the toolkit). */
    DRIVER("libcuda.so.1", "CUDA driver API"),
    /** Run-time compilation of CUDA C++ to PTX. */
    NVRTC("libnvrtc.so.13", "NVRTC"),
    /** cuBLAS' matrix-multiplication back end, a dependency of cuBLAS. */
    CUBLAS_LT("libcublasLt.so.13", "cuBLASLt"),
    /** cuBLAS (column-major BLAS). */
    CUBLAS("libcublas.so.13", "cuBLAS"),
    /** cuDNN 9's front library (it opens its own sub-libraries, which must lie next to it). */
    CUDNN("libcudnn.so.9", "cuDNN");

    private final String fileName;
    private final String description;

    CudaLibrary(String fileName, String description) {
        this.fileName = fileName;
        this.description = description;
    }

    /** The file name looked for, e.g. {@code libcublas.so.13}. */
    public String fileName() {
        return fileName;
    }

    /** What the library is, for messages. */
    public String description() {
        return description;
    }

    /** Libraries to load before this one. */
    public List<CudaLibrary> preload() {
        return this == CUBLAS ? List.of(CUBLAS_LT) : List.of();
    }
}
