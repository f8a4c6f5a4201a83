package org.pruneproof.reference.data;

import java.nio.file.Path;

/**
 * A file that is not a valid IDX file of the expected kind (wrong magic number, truncated, counts that
 * do not match); the message names the file and what was expected.
 */
public final class IdxFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
