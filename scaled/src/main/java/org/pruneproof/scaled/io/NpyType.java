package org.pruneproof.scaled.io;

/** The element types of .npy files that pruneproof reads and writes: little-endian, fixed size. */
public enum NpyType {
    /** {@code <f4}, NumPy float32. */
    FLOAT32("<f4", 4, false),
    /** {@code <f8}, NumPy float64. */
    FLOAT64("<f8", 8, false),
    /** {@code <i4}, NumPy int32. */
    INT32("<i4", 4, true),
    /** {@code <i8}, NumPy int64. */
    INT64("<i8", 8, true);

    private final String descr;
    private final int bytes;
    private final boolean integer;

    NpyType(String descr, int bytes, boolean integer) {
        this.descr = descr;
        this.bytes = bytes;
        this.integer = integer;
    }

    /** The NumPy type string as written in the header, e.g. {@code <f4}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is an integer type. */
    public boolean isInteger() {
        return integer;
    }

    /** The type with this descr, or null. */
    static NpyType ofDescr(String descr) {
        for (NpyType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        return null;
    }
}
