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
 * sparsity; accuracy against sparsity per method when the rows carry it (they do not yet: the sweep does not train,
 * and the report says so); then the table. Inline SVG ({@link PlotSvg}), no network access.
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
            if (cells.stream().anyMatch(r -> r.path("accuracyAfter").isNumber())) {
                h.append(PlotSvg.figure(m.getKey() + ": accuracy after training against sparsity",
                        bySparsity(m.getKey() + ": accuracy after training against sparsity", cells, "top-1 accuracy",
                                r -> r.path("accuracyAfter").isNumber() ? r.path("accuracyAfter").asDouble() : Double.NaN), "plot"));
            } else {
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
                "criticalSparsity", "collapsedLayer", "accuracyAfter"};
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
