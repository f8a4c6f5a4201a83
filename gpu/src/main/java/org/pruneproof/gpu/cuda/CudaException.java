package org.pruneproof.gpu.cuda;

/** A CUDA library call returned a status other than success: the call, the code and the library's own error string. */
public final class CudaException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public CudaException(String call, int status, String errorString) {
        super(call + " failed with status " + status + " (" + errorString + ")");
        this.status = status;
    }

    /** The status code returned. */
    public int status() {
        return status;
    }
}
