package org.pruneproof.scaled.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputException;
import org.pruneproof.io.OutputLocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep over models × methods × sparsities × seeds, each cell computed by the prune job ({@link PruneJob#prune()},
 * no weights written), resumable: each finished cell's row is written atomically to {@code DIR/cells/<cell>.json}
 * the moment it is done, and a sweep started again on the same folder computes only the cells without a row (a row
 * counts only when its cell's prune arguments are the planned ones). When every cell has a row the table is written:
 * {@code DIR/sweep.json} (the plan and every row, in plan order) and {@code DIR/sweep.csv} (one line a cell), each
 * atomically. The table has no timings, so the same plan gives the same bytes, interrupted or not.
 *
 * <p>A row: the cell (model, method, sparsity, seed), the architecture, parameters and FLOPs per image before and after
 * (FLOPs = 2 × multiply-accumulates), kept and total weights (or output channels for greedy), the kept fraction, the
 * critical sparsity s_cr and the layer that collapses first (pruning at initialisation), each conv/linear layer's kept
 * fraction, and held-out top-1 and loss when the sweep has real data: {@code accuracyUnpruned} (the network before
 * pruning: the trained weights, or the untrained initialisation), {@code accuracyBefore} (right after pruning, before training) and {@code accuracyAfter}/{@code lossAfter}
 * (after the cell's training or fine-tuning, mask fixed); {@code null} where not measured (see {@link #accuracyNote}).
 */
public final class SweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
    private static final ObjectMapper JSON = JsonFiles.mapper();

    /** The file that marks a folder as a sweep's (written first). */
    public static final String PLAN_FILE = "sweep-plan.json";
    /** The table's {@code accuracy} field when the sweep has no real data: why its accuracy columns are empty. */
    public static final String ACCURACY_NOT_MEASURED = "accuracy is not measured: the sweep has no real --data (give --data "
            + "fashion-mnist or a folder, with --train-epochs and/or --weights)";

    private final Path out;
    private final List<SweepCell> cells;
    private final Map<String, Object> plan;

    /**
     * A sweep into {@code out}: a new folder, an empty one, or an earlier sweep's (resumed).
     *
     * @param plan what the sweep is (its options), written to {@value #PLAN_FILE} and to the table
     * @throws OutputException when {@code out} is a file, or a non-empty folder that is not a sweep's
     */
    public SweepJob(Path out, List<SweepCell> cells, Map<String, Object> plan) {
        this.out = out.toAbsolutePath().normalize();
        this.cells = List.copyOf(cells);
        this.plan = new LinkedHashMap<>(plan);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one cell");
        }
        OutputLocations.requireNamed("--out", out);
        if (Files.exists(this.out)) {
            if (!Files.isDirectory(this.out)) {
                throw new OutputException("--out " + this.out + ": exists and is not a folder");
            }
            if (!Files.exists(this.out.resolve(PLAN_FILE)) && !isEmpty(this.out)) {
                throw new OutputException("--out " + this.out + ": a folder that is not a sweep's (no " + PLAN_FILE
                        + "); choose a new folder, or an earlier sweep's to resume it");
            }
        }
        JsonFiles.write(this.out.resolve(PLAN_FILE), planNode());
    }

    /** The sweep's folder. */
    public Path folder() {
        return out;
    }

    /** Every cell, in plan order. */
    public List<SweepCell> cells() {
        return cells;
    }

    /** The cells without a row yet, in plan order. */
    public List<SweepCell> pending() {
        return cells.stream().filter(c -> finishedRow(c) == null).toList();
    }

    /** Computes one cell's row with its prune job (writes nothing). */
    public static Map<String, Object> compute(SweepCell cell, PruneJob job) {
        PruneJob.Pruned p = job.prune();
        Map<String, Object> s = p.summary();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", cell.model());
        row.put("method", cell.method());
        row.put("sparsity", cell.sparsity());
        row.put("seed", cell.seed());
        row.put("architecture", s.get("architecture"));
        row.put("paramsBefore", s.get("paramsBefore"));
        row.put("paramsAfter", s.get("paramsAfter"));
        row.put("flopsBefore", 2 * (long) s.get("macsBefore"));
        row.put("flopsAfter", 2 * (long) s.get("macsAfter"));
        row.put("units", s.get("units"));
        long kept = p.rows().stream().mapToLong(PruneJob.Row::kept).sum();
        long total = p.rows().stream().mapToLong(PruneJob.Row::units).sum();
        row.put("kept", s.containsKey("keptWeights") ? s.get("keptWeights") : kept);
        row.put("total", s.containsKey("totalWeights") ? s.get("totalWeights") : total);
        row.put("keptFraction", ((Number) row.get("kept")).doubleValue() / ((Number) row.get("total")).doubleValue());
        row.put("criticalSparsity", s.get("criticalSparsity"));
        row.put("collapsedLayer", s.get("collapsedLayer"));
        List<Map<String, Object>> layers = new ArrayList<>();
        for (PruneJob.Row r : p.rows()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", r.layer());
            l.put("kind", r.kind());
            l.put("units", r.units());
            l.put("kept", r.kept());
            l.put("keptFraction", r.keptFraction());
            layers.add(l);
        }
        row.put("layers", layers);
        Map<?, ?> accuracy = s.get("accuracy") instanceof Map<?, ?> a ? a : Map.of();
        row.put("accuracyUnpruned", measured(accuracy, "beforePruning", "top1"));
        row.put("accuracyBefore", measured(accuracy, "afterPruning", "top1"));
        row.put("accuracyAfter", measured(accuracy, "afterFineTuning", "top1"));
        row.put("lossAfter", measured(accuracy, "afterFineTuning", "meanLoss"));
        return row;
    }

    private static Object measured(Map<?, ?> accuracy, String when, String what) {
        return accuracy.get(when) instanceof Map<?, ?> m ? m.get(what) : null;
    }

    /**
     * The table's {@code accuracy} field: what the accuracy columns measure.
     *
     * @param data          the sweep's --data ({@code synthetic}: nothing is measured)
     * @param heldOutImages held-out images (null: the whole test split)
     * @param trainEpochs   epochs of training after pruning (0: none)
     * @param weights       whether the cells start from trained weights
     */
    public static String accuracyNote(String data, Integer heldOutImages, int trainEpochs, boolean weights) {
        if (data.equals("synthetic")) {
            return ACCURACY_NOT_MEASURED;
        }
        return String.format(Locale.ROOT, "held-out top-1 on %s of the test split of %s: accuracyUnpruned %s; accuracyBefore right "
                        + "after pruning; accuracyAfter and lossAfter %s", heldOutImages == null ? "all images" : "the first "
                        + heldOutImages + " images", data, weights ? "is the trained weights' before pruning" : "is the seeded initialisation's before pruning (untrained)",
                trainEpochs == 0 ? "are not measured (no --train-epochs)" : "after " + trainEpochs + " epoch(s) of "
                        + (weights ? "fine-tuning" : "training from the initialisation") + " with the mask fixed");
    }

    /** Writes a finished cell's row, atomically. */
    public void record(SweepCell cell, Map<String, Object> row) {
        ObjectNode node = JSON.createObjectNode();
        node.set("cell", JSON.valueToTree(cell));
        node.set("row", JSON.valueToTree(row));
        JsonFiles.write(cellFile(cell), node);
    }

    /**
     * Computes every pending cell on this thread, one after another (each prune job uses all of ND4J's threads), and
     * writes the table.
     *
     * @param configure the prune job of a cell
     */
    public Table runLocally(Function<SweepCell, PruneJob> configure) {
        List<SweepCell> todo = pending();
        LOG.info("sweep {}: {} cells, {} already done, {} to compute", out, cells.size(), cells.size() - todo.size(), todo.size());
        int done = 0;
        for (SweepCell cell : todo) {
            long t0 = System.nanoTime();
            record(cell, compute(cell, configure.apply(cell)));
            done++;
            LOG.info("sweep: [{}/{}] {} in {} s", done, todo.size(), cell.id(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
        return finish();
    }

    /** The written table: its files and its rows. */
    public record Table(Path json, Path csv, List<JsonNode> rows) {
    }

    /**
     * Writes sweep.json and sweep.csv from the cells' rows, in plan order.
     *
     * @throws IllegalStateException when a cell has no row yet
     */
    public Table finish() {
        ArrayNode rows = JSON.createArrayNode();
        for (SweepCell c : cells) {
            JsonNode row = finishedRow(c);
            if (row == null) {
                throw new IllegalStateException("sweep " + out + ": cell " + c.id() + " has no row yet");
            }
            rows.add(row);
        }
        ObjectNode table = JSON.createObjectNode();
        table.set("plan", planNode());
        table.put("accuracy", String.valueOf(plan.getOrDefault("accuracy", ACCURACY_NOT_MEASURED)));
        table.set("rows", rows);
        Path json = out.resolve("sweep.json");
        Path csv = out.resolve("sweep.csv");
        JsonFiles.write(json, table);
        AtomicFiles.writeString(csv, csv(rows));
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        return new Table(json, csv, list);
    }

    /** The CSV columns, in order (per-layer fractions are in sweep.json only). */
    public static final List<String> CSV_COLUMNS = List.of("model", "method", "sparsity", "seed", "architecture", "paramsBefore",
            "paramsAfter", "flopsBefore", "flopsAfter", "units", "kept", "total", "keptFraction", "criticalSparsity", "collapsedLayer",
            "accuracyUnpruned", "accuracyBefore", "accuracyAfter", "lossAfter");

    static String csv(ArrayNode rows) {
        StringBuilder s = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (JsonNode r : rows) {
            List<String> fields = new ArrayList<>();
            for (String col : CSV_COLUMNS) {
                JsonNode v = r.path(col);
                fields.add(v.isNull() || v.isMissingNode() ? "" : quote(v.asText()));
            }
            s.append(String.join(",", fields)).append('\n');
        }
        return s.toString();
    }

    private static String quote(String v) {
        return v.matches("[^,\"\\n\\r]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private JsonNode finishedRow(SweepCell cell) {
        Path f = cellFile(cell);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(f.toFile());
            if (!node.path("row").isObject() || !cell.equals(JSON.treeToValue(node.path("cell"), SweepCell.class))) {
                LOG.info("sweep: {} was computed with other options; computing it again", f);
                return null;
            }
            return node.get("row");
        } catch (IOException e) {
            LOG.warn("sweep: {} cannot be read ({}); computing the cell again", f, e.getMessage());
            return null;
        }
    }

    private Path cellFile(SweepCell cell) {
        return out.resolve("cells").resolve(cell.id() + ".json");
    }

    private ObjectNode planNode() {
        ObjectNode node = JSON.valueToTree(plan);
        node.put("cells", cells.size());
        return node;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new OutputException("--out " + dir + ": cannot list it: " + e.getMessage(), e);
        }
    }
}
