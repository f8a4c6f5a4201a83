package org.pruneproof.scaled.weights;

/**
 * A weight file or folder that does not fit the network: a format error, a missing, unexpected, mis-shaped
 * or non-finite tensor, a malformed {@code architecture.json}. The one-line message names the file and the
 * tensor or field; command lines report it with exit status 2.
 */
public final class WeightFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeightFileException(String message) {
        super(message);
    }
}
