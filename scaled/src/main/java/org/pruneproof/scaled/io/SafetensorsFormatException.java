package org.pruneproof.scaled.io;

/** A safetensors file that cannot be read or written; the message names the file and the problem. */
public final class SafetensorsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
