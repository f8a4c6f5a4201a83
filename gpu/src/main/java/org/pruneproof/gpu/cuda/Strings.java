package org.pruneproof.gpu.cuda;

import java.lang.foreign.MemorySegment;

/** C strings returned by the CUDA libraries. */
final class Strings {

    /** Longest error string read. */
    private static final long MAX = 4096;

    private Strings() {
    }

    /** The NUL-terminated string at a native address ("(null)" for NULL). */
    static String read(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "(null)";
        }
        return pointer.reinterpret(MAX).getString(0);
    }
}
