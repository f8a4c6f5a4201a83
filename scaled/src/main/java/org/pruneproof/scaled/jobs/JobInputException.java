package org.pruneproof.scaled.jobs;

/**
 * A mistake in a job's input (a missing file, a shape that does not fit, a bad label), described in one line
 * that names the file or option and the expected form. Command lines report it with exit status 2.
 */
public final class JobInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobInputException(String message) {
        super(message);
    }
}
