package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.io.OutputException;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.Series;

/**
 * The offline HTML report of a sweep ({@code sweep.json}, written by the sweep job): per model, the kept fraction of
 * FLOPs and of weights, and the critical sparsity s_cr, against the sparsity asked for, one line per method (the
 * mean over seeds) with one marker per seed (the spread); each layer's kept fraction per method at the largest
 * sparsity; when the rows carry held-out accuracy (a sweep on real data), top-1 after training and right after pruning
 * against sparsity and top-1 after training against the FLOPs kept, per method with the seeds' spread (without real
 * data the report says why there is no accuracy plot); then the table. Inline SVG ({@link PlotSvg}), no network access.
 */
public final class SweepReport {

    private SweepReport() {
    }

    /** Reads {@code sweepJson} and writes {@code dir/index.html} atomically; returns the file. */
    public static Path write(Path sweepJson, Path dir) {
        JsonNode sweep;
        try {
            sweep = ResultsFiles.mapper().readTree(sweepJson.toFile());
        } catch (IOException e) {
            throw new OutputException(sweepJson + ": cannot read the sweep table: " + e.getMessage(), e);
        }
        Path file = dir.resolve("index.html");
        AtomicFiles.writeString(file, render(sweep));
        return file;
    }

    /** The report as HTML text. */
    public static String render(JsonNode sweep) {
        JsonNode rows = sweep.path("rows");
        Map<String, List<JsonNode>> byModel = new LinkedHashMap<>();
        rows.forEach(r -> byModel.computeIfAbsent(r.path("model").asText(), k -> new ArrayList<>()).add(r));
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>pruneproof sweep</title>\n<style>\n").append(Assets.reportCss()).append("</style>\n</head>\n<body>\n")
                .append("<header class=\"top\"><h1>pruneproof sweep</h1><div class=\"sub\">").append(rows.size()).append(" cells · ")
                .append(escape(sweep.path("plan").toString())).append("</div></header>\n<main>\n");
        for (Map.Entry<String, List<JsonNode>> m : byModel.entrySet()) {
            List<JsonNode> cells = m.getValue();
            h.append("<section><h2>").append(escape(m.getKey())).append("</h2>\n");
            h.append(PlotSvg.figure(m.getKey() + ": FLOPs kept against sparsity",
                    bySparsity(m.getKey() + ": FLOPs kept against sparsity", cells, "FLOPs after / before",
                            r -> r.path("flopsAfter").asDouble() / r.path("flopsBefore").asDouble()), "plot"));
            h.append(PlotSvg.figure(m.getKey() + ": weights kept against sparsity",
                    bySparsity(m.getKey() + ": weights kept against sparsity", cells, "kept fraction",
                            r -> r.path("keptFraction").asDouble()), "plot"));
            if (cells.stream().anyMatch(r -> r.path("criticalSparsity").isNumber())) {
                h.append(PlotSvg.figure(m.getKey() + ": critical sparsity s_cr",
                        bySparsity(m.getKey() + ": critical sparsity s_cr", cells, "s_cr",
                                r -> r.path("criticalSparsity").isNumber() ? r.path("criticalSparsity").asDouble() : Double.NaN), "plot"));
            }
            boolean after = cells.stream().anyMatch(r -> r.path("accuracyAfter").isNumber());
            boolean before = cells.stream().anyMatch(r -> r.path("accuracyBefore").isNumber());
            if (after) {
                String title = m.getKey() + ": top-1 after training against sparsity";
                h.append(PlotSvg.figure(title, bySparsity(title, cells, "held-out top-1", r -> number(r, "accuracyAfter")), "plot"));
                String flops = m.getKey() + ": top-1 after training against FLOPs kept";
                h.append(PlotSvg.figure(flops, byFlops(flops, cells), "plot"));
            }
            if (before) {
                String title = m.getKey() + ": top-1 right after pruning against sparsity";
                h.append(PlotSvg.figure(title, bySparsity(title, cells, "held-out top-1", r -> number(r, "accuracyBefore")), "plot"));
            }
            if (!after && !before) {
                h.append("<p class=\"note\">No accuracy plot: ").append(escape(sweep.path("accuracy").asText("the rows carry no accuracy")))
                        .append(".</p>\n");
            }
            h.append(PlotSvg.figure(m.getKey() + ": kept fraction per layer", perLayer(m.getKey() + ": kept fraction per layer", cells), "plot"));
            h.append("</section>\n");
        }
        table(h, rows);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private interface Value {
        double of(JsonNode row);
    }

    /** Per method: the mean over seeds against sparsity (a line), and every seed's value (markers: the spread). */
    private static List<Series> bySparsity(String plot, List<JsonNode> cells, String yLabel, Value value) {
        Map<String, TreeMap<Double, List<Double>>> byMethod = new LinkedHashMap<>();
        for (JsonNode r : cells) {
            byMethod.computeIfAbsent(r.path("method").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("sparsity").asDouble(), k -> new ArrayList<>()).add(value.of(r));
        }
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> e : byMethod.entrySet()) {
            double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] mean = e.getValue().values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                    .toArray();
            series.add(Series.measured(plot, e.getKey() + " (mean over seeds)", "sparsity", yLabel, x, mean));
            List<Double> sx = new ArrayList<>();
            List<Double> sy = new ArrayList<>();
            e.getValue().forEach((s, vs) -> vs.forEach(v -> {
                sx.add(s);
                sy.add(v);
            }));
            series.add(Series.measured(plot, e.getKey() + " (each seed)", "sparsity", yLabel,
                    sx.stream().mapToDouble(Double::doubleValue).toArray(), sy.stream().mapToDouble(Double::doubleValue).toArray())
                    .withRole(Series.EXPERIMENTS));
        }
        return series;
    }

    private static double number(JsonNode row, String field) {
        return row.path(field).isNumber() ? row.path(field).asDouble() : Double.NaN;
    }

    /** Per method: top-1 after training against the kept fraction of FLOPs, every cell a marker, the means over seeds a line. */
    private static List<Series> byFlops(String plot, List<JsonNode> cells) {
        Map<String, TreeMap<Double, List<double[]>>> byMethod = new LinkedHashMap<>();
        for (JsonNode r : cells) {
            byMethod.computeIfAbsent(r.path("method").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(r.path("sparsity").asDouble(), k -> new ArrayList<>())
                    .add(new double[] {r.path("flopsAfter").asDouble() / r.path("flopsBefore").asDouble(), number(r, "accuracyAfter")});
        }
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<double[]>>> e : byMethod.entrySet()) {
            List<double[]> means = new ArrayList<>();
            List<double[]> each = new ArrayList<>();
            for (List<double[]> seeds : e.getValue().values()) {
                means.add(new double[] {seeds.stream().mapToDouble(p -> p[0]).average().orElse(Double.NaN),
                        seeds.stream().mapToDouble(p -> p[1]).average().orElse(Double.NaN)});
                each.addAll(seeds);
            }
            means.sort(java.util.Comparator.comparingDouble(p -> p[0]));
            series.add(Series.measured(plot, e.getKey() + " (mean over seeds)", "FLOPs after / before", "held-out top-1",
                    means.stream().mapToDouble(p -> p[0]).toArray(), means.stream().mapToDouble(p -> p[1]).toArray()));
            series.add(Series.measured(plot, e.getKey() + " (each seed)", "FLOPs after / before", "held-out top-1",
                    each.stream().mapToDouble(p -> p[0]).toArray(), each.stream().mapToDouble(p -> p[1]).toArray())
                    .withRole(Series.EXPERIMENTS));
        }
        return series;
    }

    /** Per method, at the largest sparsity of the sweep, each layer's kept fraction (mean over seeds) against its index. */
    private static List<Series> perLayer(String plot, List<JsonNode> cells) {
        double largest = cells.stream().mapToDouble(r -> r.path("sparsity").asDouble()).max().orElse(0);
        Map<String, List<JsonNode>> byMethod = new LinkedHashMap<>();
        cells.stream().filter(r -> r.path("sparsity").asDouble() == largest)
                .forEach(r -> byMethod.computeIfAbsent(r.path("method").asText(), k -> new ArrayList<>()).add(r));
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byMethod.entrySet()) {
            int layers = e.getValue().get(0).path("layers").size();
            double[] x = new double[layers];
            double[] y = new double[layers];
            for (int l = 0; l < layers; l++) {
                x[l] = l + 1;
                final int at = l;
                y[l] = e.getValue().stream().mapToDouble(r -> r.path("layers").path(at).path("keptFraction").asDouble(Double.NaN))
                        .average().orElse(Double.NaN);
            }
            series.add(Series.measured(plot, e.getKey() + String.format(Locale.ROOT, " at s = %s", largest),
                    "layer (conv/linear, in order)", "kept fraction", x, y));
        }
        return series;
    }

    private static void table(StringBuilder h, JsonNode rows) {
        String[] cols = {"model", "method", "sparsity", "seed", "paramsAfter", "flopsAfter", "kept", "total", "keptFraction",
                "criticalSparsity", "collapsedLayer", "accuracyUnpruned", "accuracyBefore", "accuracyAfter", "lossAfter"};
        h.append("<section><h2>Table</h2>\n<table class=\"claims\">\n<thead><tr>");
        for (String c : cols) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (JsonNode r : rows) {
            h.append("<tr>");
            for (String c : cols) {
                JsonNode v = r.path(c);
                String text = v.isNull() || v.isMissingNode() ? "–"
                        : v.isFloatingPointNumber() ? String.format(Locale.ROOT, "%.6g", v.asDouble()) : v.asText();
                h.append("<td>").append(escape(text)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }
}
