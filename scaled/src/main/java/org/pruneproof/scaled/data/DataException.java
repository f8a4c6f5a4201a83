package org.pruneproof.scaled.data;

/** A problem with user-supplied data (a folder or a file), with a message naming it. */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
