package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pruneproof.reports.results.Series;

/**
 * Draws the series of one plot (those sharing {@link Series#plot()}) as an inline SVG figure: axes
 * with ticks and labels, log scales where a series asks for them, one line per series styled by its
 * role ({@code measured}: solid with markers; {@code bound}: dashed; {@code fit}: thin solid;
 * {@code reference}: dotted; {@code paper}: dash-dot, the paper's own series; {@code experiments}: markers only, one per experiment), a legend, and a note saying which points could not be drawn
 * (non-finite values, or non-positive values on a log axis).
 */
final class PlotSvg {

    /** Okabe–Ito colours, distinguishable by colour-blind readers and in greyscale print (with dashes). */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"};

    private static final int WIDTH = 720;
    private static final int LEFT = 86;
    private static final int RIGHT = 24;
    private static final int TOP = 34;
    private static final int PLOT_HEIGHT = 290;
    private static final int BOTTOM = 54;
    private static final int LEGEND_COLUMNS = 3;
    private static final int LEGEND_ROW = 20;
    private static final int MAX_MARKERS = 80;

    private PlotSvg() {
    }

    /** The figure for one plot; {@code series} all share the plot name {@code plot}. */
    static String figure(String plot, List<Series> series, String cssClass) {
        boolean logX = series.stream().anyMatch(Series::logX);
        boolean logY = series.stream().anyMatch(Series::logY);
        Range xr = new Range();
        Range yr = new Range();
        int nonFinite = 0;
        int nonPositiveX = 0;
        int nonPositiveY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    nonFinite++;
                } else if (logX && x <= 0) {
                    nonPositiveX++;
                } else if (logY && y <= 0) {
                    nonPositiveY++;
                } else {
                    xr.add(x);
                    yr.add(y);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (nonFinite > 0) {
            notes.add(nonFinite + " point(s) with NaN or infinite coordinates not drawn");
        }
        if (nonPositiveX > 0) {
            notes.add(nonPositiveX + " point(s) with x ≤ 0 not drawn on the log x axis");
        }
        if (nonPositiveY > 0) {
            notes.add(nonPositiveY + " point(s) with y ≤ 0 not drawn on the log y axis");
        }
        if (xr.empty()) {
            notes.add("no drawable point");
            xr.add(1);
            xr.add(10);
            yr.add(1);
            yr.add(10);
        }
        int legendRows = (series.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = TOP + PLOT_HEIGHT + BOTTOM + legendRows * LEGEND_ROW + 6;
        Axis xa = Axis.covering(xr.min, xr.max, logX, LEFT, WIDTH - RIGHT);
        Axis ya = Axis.covering(yr.min, yr.max, logY, TOP + PLOT_HEIGHT, TOP);

        StringBuilder h = new StringBuilder(4096);
        h.append("<figure class=\"").append(cssClass).append("\" data-plot=\"").append(escape(plot)).append("\">\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(escape(plot)).append("\">\n")
                .append("<title>").append(escape(plot)).append("</title>\n")
                .append("<text class=\"ptitle\" x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\">")
                .append(escape(plot)).append("</text>\n");
        axes(h, xa, ya, label(series, true) + (logX ? " (log scale)" : ""), label(series, false) + (logY ? " (log scale)" : ""));
        for (int k = 0; k < series.size(); k++) {
            line(h, series.get(k), PALETTE[k % PALETTE.length], xa, ya);
        }
        legend(h, series, TOP + PLOT_HEIGHT + BOTTOM);
        h.append("</svg>\n");
        if (!notes.isEmpty()) {
            h.append("<figcaption class=\"note\">").append(escape(String.join("; ", notes))).append(".</figcaption>\n");
        }
        h.append("</figure>\n");
        return h.toString();
    }

    private static void axes(StringBuilder h, Axis xa, Axis ya, String xLabel, String yLabel) {
        double x0 = xa.pixelLo();
        double x1 = xa.pixelHi();
        double y0 = ya.pixelLo();
        double y1 = ya.pixelHi();
        h.append("<g class=\"axes\">\n");
        for (Axis.Tick t : xa.ticks()) {
            double px = xa.toPixel(t.value());
            h.append("<line class=\"grid\" x1=\"").append(f(px)).append("\" y1=\"").append(f(y1)).append("\" x2=\"")
                    .append(f(px)).append("\" y2=\"").append(f(y0)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(f(px)).append("\" y=\"").append(f(y0 + 17))
                    .append("\" text-anchor=\"middle\">").append(escape(t.label())).append("</text>\n");
        }
        for (Axis.Tick t : ya.ticks()) {
            double py = ya.toPixel(t.value());
            h.append("<line class=\"grid\" x1=\"").append(f(x0)).append("\" y1=\"").append(f(py)).append("\" x2=\"")
                    .append(f(x1)).append("\" y2=\"").append(f(py)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(f(x0 - 6)).append("\" y=\"").append(f(py + 4))
                    .append("\" text-anchor=\"end\">").append(escape(t.label())).append("</text>\n");
        }
        h.append("<rect class=\"frame\" x=\"").append(f(x0)).append("\" y=\"").append(f(y1)).append("\" width=\"")
                .append(f(x1 - x0)).append("\" height=\"").append(f(y0 - y1)).append("\"/>\n")
                .append("<text class=\"alabel\" x=\"").append(f((x0 + x1) / 2)).append("\" y=\"").append(f(y0 + 40))
                .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n")
                .append("<text class=\"alabel\" transform=\"translate(18,").append(f((y0 + y1) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yLabel)).append("</text>\n")
                .append("</g>\n");
    }

    private static void line(StringBuilder h, Series s, String colour, Axis xa, Axis ya) {
        String role = s.role();
        StringBuilder d = new StringBuilder();
        List<double[]> points = new ArrayList<>();
        boolean pen = false;
        int segmentLength = 0;
        List<double[]> lonely = new ArrayList<>();
        double[] last = null;
        for (int i = 0; i < s.x().length; i++) {
            if (!xa.drawable(s.x()[i]) || !ya.drawable(s.y()[i])) {
                if (segmentLength == 1) {
                    lonely.add(last);
                }
                pen = false;
                segmentLength = 0;
                continue;
            }
            double[] p = {xa.toPixel(s.x()[i]), ya.toPixel(s.y()[i]), s.x()[i], s.y()[i]};
            d.append(pen ? 'L' : 'M').append(f(p[0])).append(',').append(f(p[1]));
            pen = true;
            segmentLength++;
            last = p;
            points.add(p);
        }
        if (segmentLength == 1) {
            lonely.add(last);
        }
        h.append("<g class=\"series role-").append(escape(role.replaceAll("[^a-z]", ""))).append("\" data-series=\"")
                .append(escape(s.name())).append("\">");
        boolean scatter = Series.EXPERIMENTS.equals(role);
        if (d.length() > 0 && !scatter) {
            h.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
                    .append(strokeWidth(role)).append('"').append(dashes(role)).append("/>");
        }
        boolean markers = scatter || ("measured".equals(role) || !isKnown(role)) && points.size() <= MAX_MARKERS;
        for (double[] p : markers ? points : lonely) {
            h.append("<circle cx=\"").append(f(p[0])).append("\" cy=\"").append(f(p[1])).append("\" r=\"3.2\" fill=\"")
                    .append(colour).append("\"><title>").append(escape(s.name())).append(": (")
                    .append(Numbers.format(p[2])).append(", ").append(Numbers.format(p[3])).append(")</title></circle>");
        }
        h.append("</g>\n");
    }

    private static void legend(StringBuilder h, List<Series> series, int top) {
        int columnWidth = (WIDTH - 2 * 20) / LEGEND_COLUMNS;
        h.append("<g class=\"legend\">\n");
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int x = 20 + (k % LEGEND_COLUMNS) * columnWidth;
            int y = top + (k / LEGEND_COLUMNS) * LEGEND_ROW + 10;
            String colour = PALETTE[k % PALETTE.length];
            String name = s.name() + ("measured".equals(s.role()) ? "" : " (" + s.role() + ")");
            String shown = name.length() > 28 ? name.substring(0, 27) + "…" : name;
            h.append("<g><title>").append(escape(name)).append("</title>");
            if (!Series.EXPERIMENTS.equals(s.role())) {
                h.append("<line x1=\"").append(x).append("\" y1=\"").append(y)
                        .append("\" x2=\"").append(x + 28).append("\" y2=\"").append(y).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"").append(strokeWidth(s.role())).append('"').append(dashes(s.role())).append("/>");
            }
            if ("measured".equals(s.role()) || !isKnown(s.role())) {
                h.append("<circle cx=\"").append(x + 14).append("\" cy=\"").append(y).append("\" r=\"3.2\" fill=\"")
                        .append(colour).append("\"/>");
            }
            h.append("<text class=\"lentry\" x=\"").append(x + 34).append("\" y=\"").append(y + 4).append("\">")
                    .append(escape(shown)).append("</text></g>\n");
        }
        h.append("</g>\n");
    }

    private static boolean isKnown(String role) {
        return Set.of("measured", "bound", "fit", "reference", Series.PAPER).contains(role);
    }

    private static String strokeWidth(String role) {
        return switch (role) {
            case "fit", "reference" -> "1.6";
            default -> "2.2";
        };
    }

    private static String dashes(String role) {
        return switch (role) {
            case "bound" -> " stroke-dasharray=\"8 5\"";
            case "reference" -> " stroke-dasharray=\"2 4\"";
            case Series.PAPER -> " stroke-dasharray=\"9 3 2 3\"";
            default -> "";
        };
    }

    /** The axis label: the distinct labels the series give, joined with " / ". */
    private static String label(List<Series> series, boolean x) {
        Set<String> labels = new LinkedHashSet<>();
        for (Series s : series) {
            String l = x ? s.xLabel() : s.yLabel();
            if (l != null && !l.isBlank()) {
                labels.add(l);
            }
        }
        return labels.isEmpty() ? (x ? "x" : "y") : String.join(" / ", labels);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Smallest and largest of the values added. */
    private static final class Range {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        boolean empty() {
            return min > max;
        }
    }
}
