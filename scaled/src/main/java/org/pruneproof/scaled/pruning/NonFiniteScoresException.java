package org.pruneproof.scaled.pruning;

/**
 * Pruning scores that are not finite (NaN or ±∞): the network's weights or inputs overflow the
 * precision in use, so no threshold is meaningful. The message names the layer; callers that know
 * which files the values came from say so.
 */
public final class NonFiniteScoresException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonFiniteScoresException(String message) {
        super(message);
    }
}
