package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import java.util.Locale;
import org.pruneproof.reports.results.RatioSummary;

/**
 * Draws the histogram of a claim's tightness ratios value/bound ({@link RatioSummary}) as an inline
 * SVG figure, with the bound (ratio 1) marked: bins at or above it are drawn in red. When every
 * ratio is below 1 the axis is extended to 1 so that the slack left by the bound is visible.
 */
final class HistogramSvg {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 210;
    private static final int LEFT = 52;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 44;

    private HistogramSvg() {
    }

    /** The figure, or a short note when the summary has no usable histogram. */
    static String figure(RatioSummary r) {
        double[] edges = r.histogramEdges();
        int[] counts = r.histogramCounts();
        if (edges == null || counts == null || counts.length == 0 || edges.length != counts.length + 1
                || !Double.isFinite(edges[0]) || !Double.isFinite(edges[edges.length - 1]) || !(edges[edges.length - 1] > edges[0])) {
            return "<p class=\"note\">No histogram of ratios in the results file.</p>\n";
        }
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        boolean showBound = hi > 0 && lo < 1;
        if (hi < 1 && hi > 0 && lo >= 0) {
            hi = 1;
        }
        int maxCount = 1;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        Axis xa = Axis.covering(lo, hi, false, LEFT, WIDTH - RIGHT);
        Axis ya = Axis.covering(0, maxCount, false, HEIGHT - BOTTOM, TOP);
        StringBuilder h = new StringBuilder(2048);
        h.append("<figure class=\"histogram\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"histogram of value/bound ratios\">\n")
                .append("<title>Histogram of the ratios value/bound over ").append(r.count()).append(" checked instances</title>\n");
        for (Axis.Tick t : xa.ticks()) {
            double px = xa.toPixel(t.value());
            h.append("<text class=\"tick\" x=\"").append(f(px)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" text-anchor=\"middle\">").append(escape(t.label())).append("</text>\n");
        }
        for (Axis.Tick t : ya.ticks()) {
            double py = ya.toPixel(t.value());
            h.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(f(py)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(f(py)).append("\"/><text class=\"tick\" x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(f(py + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(t.label())).append("</text>\n");
        }
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double x0 = xa.toPixel(edges[b]);
            double x1 = xa.toPixel(edges[b + 1]);
            double y = ya.toPixel(counts[b]);
            boolean over = edges[b + 1] > 1 && edges[b] >= 1 - 1e-12;
            h.append("<rect class=\"").append(over ? "bar over" : "bar").append("\" x=\"").append(f(x0 + 0.5))
                    .append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(1, x1 - x0 - 1)))
                    .append("\" height=\"").append(f(ya.pixelLo() - y)).append("\"><title>[")
                    .append(Numbers.format(edges[b])).append(", ").append(Numbers.format(edges[b + 1])).append("): ")
                    .append(counts[b]).append("</title></rect>\n");
        }
        h.append("<line class=\"axisline\" x1=\"").append(LEFT).append("\" y1=\"").append(f(ya.pixelLo())).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(f(ya.pixelLo())).append("\"/>\n");
        if (showBound || (edges[0] <= 1 && edges[edges.length - 1] >= 1)) {
            double px = xa.toPixel(1);
            h.append("<line class=\"boundline\" x1=\"").append(f(px)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                    .append(f(px)).append("\" y2=\"").append(f(ya.pixelLo())).append("\"/><text class=\"tick bound\" x=\"")
                    .append(f(px - 4)).append("\" y=\"").append(TOP + 10).append("\" text-anchor=\"end\">bound</text>\n");
        }
        h.append("<text class=\"alabel\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">value / bound (1 = the bound is attained)</text>\n")
                .append("<text class=\"alabel\" transform=\"translate(14,").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">instances</text>\n</svg>\n</figure>\n");
        return h.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
