package org.pruneproof.reports.html;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a plot: a data range mapped onto a pixel range, linearly or logarithmically, with
 * "nice" ticks (multiples of 1, 2 or 5 times a power of ten; powers of ten on a log axis).
 *
 * @param lo       lower end of the shown range (data units, positive on a log axis)
 * @param hi       upper end, greater than lo
 * @param log      whether the axis is logarithmic (base 10)
 * @param pixelLo  pixel coordinate of lo
 * @param pixelHi  pixel coordinate of hi
 */
record Axis(double lo, double hi, boolean log, double pixelLo, double pixelHi) {

    /** A tick: its value and its label. */
    record Tick(double value, String label) {
    }

    Axis {
        if (!(hi > lo) || (log && !(lo > 0))) {
            throw new IllegalArgumentException("axis range [" + lo + ", " + hi + "] is empty"
                    + (log ? " or not positive on a log axis" : ""));
        }
    }

    /**
     * The axis that shows {@code [min, max]} of the data, widened to nice ends.
     *
     * @param min smallest value to show (finite; positive for a log axis)
     * @param max largest value to show (finite, ≥ min)
     */
    static Axis covering(double min, double max, boolean log, double pixelLo, double pixelHi) {
        if (log) {
            double lo = niceLogFloor(min);
            double hi = niceLogCeil(max);
            if (hi <= lo) {
                hi = niceLogCeil(lo * 1.0001);
            }
            return new Axis(lo, hi, true, pixelLo, pixelHi);
        }
        if (max <= min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / 5);
        if (!Double.isFinite(max - min)) {
            return new Axis(min, max, false, pixelLo, pixelHi);
        }
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        if (hi <= lo) {
            hi = lo + step;
        }
        return new Axis(lo, hi, false, pixelLo, pixelHi);
    }

    /** The pixel coordinate of a data value. */
    double toPixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return pixelLo + t * (pixelHi - pixelLo);
    }

    /** Whether the value can be drawn on this axis at all (finite, and positive on a log axis). */
    boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Ticks with labels, about five to ten of them. */
    List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (log) {
            int a = (int) Math.floor(Math.log10(lo) + 1e-9);
            int b = (int) Math.ceil(Math.log10(hi) - 1e-9);
            int every = Math.max(1, (int) Math.ceil((b - a) / 8.0));
            for (int k = a; k <= b; k++) {
                for (int m : b - a <= 2 ? new int[] {1, 2, 5} : new int[] {1}) {
                    double v = m * Math.pow(10, k);
                    if ((m > 1 || (k - a) % every == 0) && v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        ticks.add(new Tick(v, m == 1 ? Numbers.powerOfTen(k) : Numbers.tick(v)));
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((hi - lo) / 5);
        if (!((hi - lo) / step <= 100)) {
            return List.of(new Tick(lo, Numbers.format(lo)), new Tick(hi, Numbers.format(hi)));
        }
        long first = (long) Math.ceil(lo / step - 1e-9);
        for (long i = first; i * step <= hi + step * 1e-9; i++) {
            double v = i * step;
            double rounded = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
            ticks.add(new Tick(rounded, Numbers.tick(rounded)));
        }
        return ticks;
    }

    /** The largest of 1, 2 or 5 times a power of ten that is at most {@code v} (v > 0). */
    static double niceLogFloor(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double f = v / p;
        return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code v} (v > 0). */
    static double niceLogCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double f = v / p;
        return (f <= 1 + 1e-12 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }
}
