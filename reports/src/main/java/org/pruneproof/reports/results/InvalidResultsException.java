package org.pruneproof.reports.results;

/** A results file that is missing or malformed; the message names the file and the problem. */
public class InvalidResultsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidResultsException(String message) {
        super(message);
    }
}
