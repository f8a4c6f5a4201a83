package org.pruneproof.scaled;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Working precision of the scaled engine's large arrays (the feature matrix and its products):
 * float32 by default, float64 on request.
 */
public enum Precision {
    /** IEEE single precision; unit roundoff u = 2⁻²⁴ ≈ 6.0e-8. */
    FLOAT32(DataType.FLOAT, 0x1p-24, 4),
    /** IEEE double precision; unit roundoff u = 2⁻⁵³ ≈ 1.1e-16. */
    FLOAT64(DataType.DOUBLE, 0x1p-53, 8);

    private final DataType dataType;
    private final double unitRoundoff;
    private final int bytes;

    Precision(DataType dataType, double unitRoundoff, int bytes) {
        this.dataType = dataType;
        this.unitRoundoff = unitRoundoff;
        this.bytes = bytes;
    }

    /** The ND4J data type. */
    public DataType dataType() {
        return dataType;
    }

    /** Unit roundoff u (half the distance from 1 to the next representable number). */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The lower-case name used on the command line: {@code float32} or {@code float64}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code float32} / {@code float64} (case-insensitive). */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "', expected float32 or float64");
    }
}
