package org.pruneproof.gpu.greedy;

/** The precision Φ is stored in on the device; the O(m) state and the loss assembly are always in double. */
public enum WorkingPrecision {
    /** IEEE binary32, unit roundoff u = 2⁻²⁴. */
    FLOAT32(4, 0x1p-24),
    /** IEEE binary64, unit roundoff u = 2⁻⁵³. */
    FLOAT64(8, 0x1p-53);

    private final int bytes;
    private final double unitRoundoff;

    WorkingPrecision(int bytes, double unitRoundoff) {
        this.bytes = bytes;
        this.unitRoundoff = unitRoundoff;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** u. */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /** A value rounded to this precision, widened back to double. */
    public double round(double v) {
        return this == FLOAT32 ? (float) v : v;
    }
}
