package org.pruneproof.gpu.cuda;

/**
 * No usable CUDA: a library was not found (the message names it and every place looked in, on one
 * line), could not be loaded, or the driver reports no device.
 */
public final class CudaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
