package org.pruneproof.io;

/**
 * An output that cannot or must not be written (it would overwrite an input, its folder holds files
 * of the user's, the place is not writable); the message names the path and says what is expected.
 */
public final class OutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
