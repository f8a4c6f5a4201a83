package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pruneproof.reports.html.SweepReport;
import org.pruneproof.scaled.jobs.PruneJob;
import org.pruneproof.scaled.jobs.SweepCell;
import org.pruneproof.scaled.jobs.SweepJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pruneproof sweep}: every model × method × sparsity × seed through the prune job ({@link SweepJob}), resumable,
 * then the table (sweep.csv, sweep.json) and the sweep report (index.html) in the output folder.
 */
@Command(name = "sweep", description = "Prune every model × method × sparsity × seed; write a table and a report. Resumable: "
        + "run it again on the same --out after an interruption and only the missing cells are computed.")
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NetworkShapeOptions shape;

    @Option(names = "--models", required = true, split = ",", paramLabel = "MODEL", completionCandidates = PruneCommand.ModelNames.class,
            description = "comma-separated, from ${COMPLETION-CANDIDATES}")
    List<String> models;

    @Option(names = "--methods", required = true, split = ",", paramLabel = "METHOD", completionCandidates = PruneCommand.MethodNames.class,
            description = "comma-separated, from ${COMPLETION-CANDIDATES}")
    List<String> methods;

    @Option(names = "--sparsities", required = true, split = ",", paramLabel = "S", description = "comma-separated, each in [0, 1)")
    List<Double> sparsities;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "comma-separated (default ${DEFAULT-VALUE})", defaultValue = "1")
    List<Long> seeds;

    @Option(names = "--data", description = "synthetic, fashion-mnist, an MNIST-format folder or a folder with one sub-folder of images per"
            + " class (default ${DEFAULT-VALUE}); real data adds held-out top-1 and loss to every row", defaultValue = "synthetic")
    String data;

    @Option(names = "--weights", split = ",", paramLabel = "[MODEL=]FILE", description = "start every cell from trained weights (as"
            + " prune --weights): one FILE for a one-model sweep, else MODEL=FILE for each model")
    List<String> weights;

    @Option(names = "--train-epochs", description = "with real --data: epochs of training after pruning, mask fixed (fine-tuning of"
            + " --weights, or training of the seeded initialisation); default ${DEFAULT-VALUE}", defaultValue = "0")
    int trainEpochs;

    @Option(names = "--lr", description = "learning rate of that training (default ${DEFAULT-VALUE})", defaultValue = "0.01")
    double learningRate;

    @Option(names = "--heldout-images", description = "with real --data: held-out images (the first N of the test split) on which"
            + " top-1 is measured (default: all)")
    Integer heldOutImages;

    @Option(names = "--batch", description = "mini-batch size for the gradient-based methods (default ${DEFAULT-VALUE})", defaultValue = "8")
    int batch;




    @Option(names = "--out", required = true, description = "the sweep's folder: new, or an earlier sweep's to resume it")
    Path out;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        ClusterEngine cluster = engine.cluster();
        List<SweepCell> cells = cells();
        // Every cell's options are checked before any is computed: a mistake is a usage error, not a half-done sweep.
        check(cells);
        SweepJob job = new SweepJob(out, cells, plan());
        PrintWriter w = spec.commandLine().getOut();
        int already = cells.size() - job.pending().size();
        if (already > 0) {
            w.printf(Locale.ROOT, "resuming %s: %d of %d cells already done%n", job.folder(), already, cells.size());
        }
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));  // SameDiff prints to System.out
        SweepJob.Table table;
        try {
            table = cluster == null ? job.runLocally(SweepCommand::configure) : cluster.sweep(job, engine.master());
        } finally {
            System.setOut(stdout);
        }
        Path html = SweepReport.write(table.json(), job.folder());
        w.printf(Locale.ROOT, "sweep of %d cells: wrote %s, %s and %s%n", cells.size(), table.csv(), table.json(), html);
        w.flush();
        return 0;
    }

    /** The sweep's folder (--out). */
    public Path out() {
        return out;
    }

    /** The cells, models outermost, then methods, sparsities and seeds. */
    public List<SweepCell> cells() {
        if (trainEpochs < 0) {
            throw new Main.UsageError("--train-epochs must be ≥ 0, got " + trainEpochs);
        }
        if (!(learningRate > 0 && learningRate <= PruneCommand.MAX_LEARNING_RATE)) {
            throw new Main.UsageError("--lr must be in (0, " + PruneCommand.MAX_LEARNING_RATE + "], got " + learningRate);
        }
        if (heldOutImages != null && heldOutImages < 0) {
            throw new Main.UsageError("--heldout-images must be ≥ 0, got " + heldOutImages);
        }
        if (data.equals("synthetic") && (trainEpochs > 0 || heldOutImages != null)) {
            throw new Main.UsageError((trainEpochs > 0 ? "--train-epochs" : "--heldout-images") + " needs real --data (fashion-mnist,"
                    + " an MNIST-format or image folder)");
        }
        List<String> shared = new ArrayList<>(List.of("--data", data, "--batch", Integer.toString(batch), "--width-multiplier",
                Double.toString(shape.width), "--precision", shape.precision));
        if (shape.inputSize != null) {
            shared.addAll(List.of("--input-size", Integer.toString(shape.inputSize)));
        }
        if (trainEpochs != 0) {
            shared.addAll(List.of("--finetune-epochs", Integer.toString(trainEpochs), "--lr", Double.toString(learningRate)));
        }
        if (heldOutImages != null) {
            shared.addAll(List.of("--heldout-images", Integer.toString(heldOutImages)));
        }
        Map<String, String> weightsByModel = weightsByModel();
        List<SweepCell> cells = new ArrayList<>();
        for (String model : models) {
            for (String method : methods) {
                for (double s : sparsities) {
                    if (!(s >= 0 && s < 1)) {
                        throw new Main.UsageError("--sparsities: each must be in [0, 1), got " + s);
                    }
                    for (long seed : seeds) {
                        List<String> args = new ArrayList<>(List.of("--model", model, "--method", method, "--sparsity",
                                Double.toString(s), "--seed", Long.toString(seed)));
                        args.addAll(shared);
                        if (weightsByModel.containsKey(model)) {
                            args.addAll(List.of("--weights", weightsByModel.get(model)));
                        }
                        cells.add(new SweepCell(model.toLowerCase(Locale.ROOT), method.toLowerCase(Locale.ROOT), s, seed, args));
                    }
                }
            }
        }
        return cells;
    }

    public Map<String, Object> plan() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("models", models);
        plan.put("methods", methods);
        plan.put("sparsities", sparsities);
        plan.put("seeds", seeds);
        plan.put("data", data);
        plan.put("batch", batch);
        plan.put("inputSize", shape.inputSize);
        plan.put("widthMultiplier", shape.width);
        plan.put("precision", shape.precision);
        if (weights != null) {
            plan.put("weights", weightsByModel());
        }
        plan.put("trainEpochs", trainEpochs);
        if (trainEpochs != 0) {
            plan.put("learningRate", learningRate);
        }
        plan.put("heldOutImages", heldOutImages);
        plan.put("accuracy", SweepJob.accuracyNote(data, heldOutImages, trainEpochs, weights != null));
        return plan;
    }

    /** --weights as model → file: a bare FILE when the sweep has one model, MODEL=FILE for each model otherwise. */
    private Map<String, String> weightsByModel() {
        Map<String, String> byModel = new LinkedHashMap<>();
        if (weights == null) {
            return byModel;
        }
        for (String w : weights) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                if (models.size() != 1 || weights.size() != 1) {
                    throw new Main.UsageError("--weights " + w + ": with several models give MODEL=FILE for each (models: "
                            + String.join(", ", models) + ")");
                }
                byModel.put(models.get(0), w);
            } else if (!models.contains(w.substring(0, eq))) {
                throw new Main.UsageError("--weights " + w + ": '" + w.substring(0, eq) + "' is not one of --models " + String.join(",", models));
            } else if (byModel.put(w.substring(0, eq), w.substring(eq + 1)) != null) {
                throw new Main.UsageError("--weights: two files for model " + w.substring(0, eq));
            }
        }
        for (String m : models) {
            if (!byModel.containsKey(m)) {
                throw new Main.UsageError("--weights: no file for model " + m + " (give MODEL=FILE for each of --models)");
            }
        }
        return byModel;
    }

    /**
     * A cell's prune job: its arguments parsed and checked by the {@code prune} command itself, so that a sweep cell is
     * exactly {@code ./pruneproof prune ARGS} without its output folder.
     */
    public static PruneJob configure(SweepCell cell) {
        return parse(cell).job();
    }

    /**
     * Checks every cell's arguments as {@code prune} parses them, and builds the whole job (weights and data opened) of
     * the first cell of each model × method: the cells differ only in sparsity and seed beyond that.
     */
    public static void check(List<SweepCell> cells) {
        java.util.Set<String> built = new java.util.HashSet<>();
        for (SweepCell cell : cells) {
            PruneCommand prune = parse(cell);
            if (built.add(cell.model() + "\u0000" + cell.method())) {
                prune.job();
            }
        }
    }

    private static PruneCommand parse(SweepCell cell) {
        PruneCommand prune = new PruneCommand();
        List<String> args = new ArrayList<>(cell.pruneArguments());
        args.addAll(List.of("--out", "sweep-cell-" + cell.id()));
        try {
            new CommandLine(prune).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new Main.UsageError("sweep cell " + cell.id() + ": " + e.getMessage());
        }
        return prune;
    }
}
