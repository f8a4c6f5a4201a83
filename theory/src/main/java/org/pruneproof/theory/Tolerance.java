package org.pruneproof.theory;

/**
 * The project's numerical tolerances (README, "Layout": numerical conventions).
 */
public final class Tolerance {

    /** Relative tolerance of hard inequalities checked in double precision. */
    public static final double HARD_RELATIVE = 1e-9;

    /** Relative tolerance under which two values of an argmin are tied (lowest index wins). */
    public static final double TIE_RELATIVE = 1e-12;

    private Tolerance() {
    }

    /**
     * Whether {@code value ≤ bound} holds up to the relative tolerance {@code rel} and an absolute
     * floor {@code abs}: {@code value ≤ bound·(1 + rel) + abs}.
     */
    public static boolean atMost(double value, double bound, double rel, double abs) {
        return value <= bound * (1 + rel) + abs;
    }

    /**
     * The ratio value/bound used to report tightness; 0/0 is 0, x/0 is +∞ for x &gt; 0.
     */
    public static double ratio(double value, double bound) {
        if (bound == 0) {
            return value <= 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return value / bound;
    }
}
