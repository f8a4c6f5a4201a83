package org.pruneproof.scaled.io;

/** A .npy file that cannot be read or written; the message names the file and the problem. */
public final class NpyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }

    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
