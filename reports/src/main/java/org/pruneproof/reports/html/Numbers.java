package org.pruneproof.reports.html;

import java.math.BigDecimal;
import java.util.Locale;

/** How the report writes numbers: four significant digits, NaN and infinities spelled out. */
final class Numbers {

    private Numbers() {
    }

    /** A double with 4 significant digits ({@code 0.001235}, {@code 1.235e+07}), "NaN", "∞", "−∞". */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        String s = a >= 1e-4 && a < 1e7 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
        return trimZeros(s);
    }

    /**
     * A ratio value/bound: like {@link #format(double)}, but with fifteen decimals near 1, so
     * that a bound exceeded within the tolerance (1.0000000001) does not read as "1".
     */
    static String ratio(Double v) {
        if (v != null && Double.isFinite(v) && v != 1 && Math.abs(v - 1) < 1e-3) {
            return trimZeros(String.format(Locale.ROOT, "%.15f", v));
        }
        return format(v);
    }

    /** A nullable double; "–" for null. */
    static String format(Double v) {
        return v == null ? "–" : format(v.doubleValue());
    }

    /** A tick label: the shortest exact decimal of a tick value already rounded to its step. */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return trimZeros(String.format(Locale.ROOT, "%.2e", v));
    }

    /** A power of ten as a tick label: {@code 1}, {@code 10}, {@code 0.01}, or {@code 10⁻⁵}. */
    static String powerOfTen(int k) {
        if (k >= -3 && k <= 4) {
            return tick(Math.pow(10, k));
        }
        return "10" + superscript(Integer.toString(k));
    }

    /** Milliseconds as seconds with one decimal. */
    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A fraction as a percentage with no decimals (one below 1%). */
    static String percent(double f) {
        if (!Double.isFinite(f)) {
            return format(f);
        }
        return f > 0 && f < 0.01 ? String.format(Locale.ROOT, "%.1f%%", 100 * f)
                : String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    private static String superscript(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append(switch (c) {
                case '-' -> '⁻';
                case '0' -> '⁰';
                case '1' -> '¹';
                case '2' -> '²';
                case '3' -> '³';
                case '4' -> '⁴';
                case '5' -> '⁵';
                case '6' -> '⁶';
                case '7' -> '⁷';
                case '8' -> '⁸';
                default -> '⁹';
            });
        }
        return b.toString();
    }

    private static String trimZeros(String s) {
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
