package org.pruneproof.scaled.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.LayerCost;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.training.Evaluation;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.scaled.weights.TrainedWeights;
import org.pruneproof.scaled.weights.WeightExport;
import org.pruneproof.scaled.io.NpyWriter;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.FineTuning;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.scaled.pruning.InitPruningResult;
import org.pruneproof.scaled.pruning.LayerPruning;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.theory.pruning.PruningMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prune job: initialise the network from the seed or import trained weights ({@link Trained}), prune it (at
 * initialisation, or greedily by channels), optionally fine-tune, then print the per-layer table and write
 * {@code summary.json} (with top-1 and loss before pruning, after pruning and after fine-tuning when a held-out set is
 * given), {@code weights/<parameter>.npy} and the export {@code model.safetensors} + {@code architecture.json}
 * ({@link WeightExport}: loadable again by evaluate, train and prune with {@code --weights OUT}); every tensor of the
 * pruned network, PyTorch names and layouts; pruned weights are 0, and after greedy channel pruning the tensors are
 * physically smaller.
 */
public final class PruneJob {

    private static final Logger LOG = LoggerFactory.getLogger(PruneJob.class);

    /** Greedy channel selection, the paper's mode (a): candidates scored by the network's loss or top-1 accuracy. */
    public static final String GREEDY = "greedy";
    /** Greedy channel selection, the fast layer-local variant (sampled output positions, loss stopping rule). */
    public static final String GREEDY_FAST = "greedy-fast";

    /** Validated options of one run. */
    public record Config(String model, String method, Architecture architecture, PruningMethod init, double sparsity, int batch,
                  String data, double width, long seed, DataType type, GreedyChannelPruning.Stop stop, double tolerance,
                  double preCheck, int evaluationImages, int positions, int candidates, int candidatesPerPass, int finetuneSteps,
                  double learningRate, BatchSource source, Path out) {
    }

    /**
     * One row of summary.json's {@code layers}; {@code note} flags a collapsed layer (no weight kept: the
     * network is cut), the layer that collapses first as the sparsity grows (s_cr), or what stopped a
     * greedy layer.
     */
    public record Row(String layer, String kind, long units, long kept, double keptFraction, long paramsBefore, long paramsAfter,
               long macsBefore, long macsAfter, String note) {
        static Row of(LayerPruning p, String collapsedFirst) {
            String note = p.keptUnits() == 0 ? "COLLAPSED (nothing kept)" : "";
            if (p.layer().equals(collapsedFirst)) {
                note = (note.isEmpty() ? "" : note + "; ") + "collapses first (s_cr)";
            }
            return new Row(p.layer(), p.kind(), p.units(), p.keptUnits(), p.keptFraction(), p.paramsBefore(), p.paramsAfter(),
                    p.macsBefore(), p.macsAfter(), note);
        }
    }

    /**
     * A start on real data: the imported weights (they replace the seeded initialisation and fix the architecture; null:
     * the seeded initialisation, which the final fine-tune then trains from scratch under the mask, the experiment of
     * pruning at initialisation), the held-out set on which top-1 and loss are measured before pruning, after pruning and after fine-tuning (null:
     * not measured), and the final fine-tune through the training loop (null: none) on {@code trainSet}. After pruning at
     * initialisation the fine-tune keeps the mask (zeros stay zero); after channel pruning it trains the smaller network.
     */
    public record Trained(TrainedWeights weights, LabelledSet heldOut, LabelledSet trainSet, Training.Options finetune,
                          int stepsBetweenLayers, PrintWriter terminal) {
    }

    private final Config c;
    private final Trained trained;

    public PruneJob(Config config) {
        this(config, null);
    }

    /** A job on real data, from trained weights or the seeded initialisation (null: the seeded initialisation, no data). */
    public PruneJob(Config config, Trained trained) {
        this.c = config;
        this.trained = trained;
    }

    /** The network before pruning: the imported one, or the configured architecture. */
    private Architecture startArchitecture() {
        return imported() ? trained.weights().architecture() : c.architecture();
    }

    /** Whether the job starts from imported weights. */
    private boolean imported() {
        return trained != null && trained.weights() != null;
    }

    /**
     * Runs the job into its output folder, which appears whole (with its manifest) or not at all
     * ({@link OutputFolder}): checked before any work, replaced only when it is an earlier output.
     */
    public void run(PrintWriter out) throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        if (!c.data().equals("synthetic")) {
            inputs.put("--data", Path.of(c.data()));
        }
        if (imported()) {
            inputs.put("--weights", trained.weights().source());
        }
        try (OutputFolder folder = OutputFolder.create("--out", c.out(), inputs)) {
            run(out, folder.path());
            folder.commitListing("prune");
        }
    }

    /**
     * What one prune run computed: summary.json's fields (in order, {@code layers} last but one, without
     * {@code seconds}), the per-layer rows, the pruned network and whether its units are output channels.
     */
    public record Pruned(Map<String, Object> summary, List<Row> rows, NetworkWeights network, boolean unitsAreChannels) {
    }

    private void run(PrintWriter out, Path outDir) throws IOException {
        long t0 = System.nanoTime();
        Pruned p = prune();
        Map<String, Object> summary = p.summary();
        WeightExport.write(outDir, p.network(), imported() ? trained.weights().widthMultiplier() : c.width(), c.init() != null);
        Path dir = outDir.resolve("weights");
        for (Map.Entry<String, INDArray> e : p.network().arrays().entrySet()) {
            NpyWriter.write(dir.resolve(e.getKey() + ".npy"), e.getValue());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary.put("seconds", seconds);
        JsonFiles.write(outDir.resolve("summary.json"), summary);
        List<Row> rows = p.rows();
        Architecture arch = startArchitecture();
        long paramsAfter = (long) summary.get("paramsAfter");
        long macsBefore = (long) summary.get("macsBefore");
        long macsAfter = (long) summary.get("macsAfter");
        printTable(out, rows, p.unitsAreChannels());
        out.printf("params %,d → %,d; MACs/image %,d → %,d%n", arch.trainableParameterCount(), paramsAfter, macsBefore, macsAfter);
        if (summary.containsKey("criticalSparsity")) {
            out.printf("s_cr = %.6f (layer %s collapses first)%n", (double) summary.get("criticalSparsity"), summary.get("collapsedLayer"));
            long collapsed = rows.stream().filter(r -> r.kept() == 0).count();
            if (collapsed > 0) {
                out.printf("WARNING: %d layer(s) kept no weight (sparsity %.4f ≥ s_cr): the pruned network is disconnected%n",
                        collapsed, c.sparsity());
            }
        }
        if (summary.get("accuracy") instanceof Map<?, ?> accuracy && accuracy.containsKey("afterPruning")) {
            out.printf(java.util.Locale.ROOT, "held-out top-1: %s before pruning, %s after pruning%s%n",
                    ((Map<?, ?>) accuracy.get("beforePruning")).get("top1"), ((Map<?, ?>) accuracy.get("afterPruning")).get("top1"),
                    accuracy.containsKey("afterFineTuning")
                            ? ", " + ((Map<?, ?>) accuracy.get("afterFineTuning")).get("top1") + " after fine-tuning" : "");
        }
        out.printf("wrote %s, %s/ and the export %s + %s in %.1f s%n", c.out().resolve("summary.json"), c.out().resolve("weights"),
                c.out().resolve(TrainedWeights.EXPORTED_TENSORS), c.out().resolve("architecture.json"), seconds);
    }

    private Map<String, Object> accuracy(NetworkWeights w) {
        Evaluation e = Evaluation.of(w, trained.heldOut(), Math.max(c.batch(), 50), trained.terminal());
        return Map.of("top1", e.top1(), "top5", e.top5(), "meanLoss", e.loss());
    }

    /** Initialises the network from the seed (or imports it), prunes it and (when asked) fine-tunes it; writes nothing. */
    public Pruned prune() {
        Architecture arch = startArchitecture();
        LOG.info("prune {} ({}, input {}×{}, width {}): {} parameters, {} MACs per image; method {}", c.model(), arch.name(),
                arch.inputSize(), arch.inputSize(), c.width(), arch.trainableParameterCount(), arch.macs(), c.method());
        NetworkWeights weights = imported() ? trained.weights().weights()
                : NetworkWeights.initialise(arch, c.type(), new SplittableRandom(c.seed()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", c.model());
        summary.put("weights", imported() ? trained.weights().source().toString() : "He initialisation, seed " + c.seed());
        if (imported()) {
            summary.put("weightsSha256", trained.weights().sha256());
        }
        Map<String, Object> accuracy = new LinkedHashMap<>();
        if (trained != null && trained.heldOut() != null) {
            accuracy.put("heldOutImages", trained.heldOut().imageCount());
            accuracy.put("beforePruning", accuracy(weights));
        }
        summary.put("architecture", arch.name());
        summary.put("method", c.method());
        summary.put("sparsity", c.sparsity());
        summary.put("inputSize", arch.inputSize());
        summary.put("batch", c.batch());
        summary.put("data", c.data());
        summary.put("widthMultiplier", c.width());
        summary.put("seed", c.seed());
        summary.put("precision", c.type() == DataType.DOUBLE ? "float64" : "float32");
        List<Row> rows = new ArrayList<>();
        NetworkWeights result;
        boolean unitsAreChannels;
        if (c.init() != null) {
            InitPruningResult r = InitPruning.prune(weights, c.init(), c.sparsity(),
                    c.init().needsGradients() ? c.source().next(c.batch()) : null, c.seed());
            r.layers().forEach(l -> rows.add(Row.of(l, r.collapsedLayer())));
            summary.put("totalWeights", r.totalWeights());
            summary.put("keptWeights", r.keptWeights());
            summary.put("criticalSparsity", r.criticalSparsity());
            summary.put("collapsedLayer", r.collapsedLayer());
            summary.put("collapsedLayerIndex", r.collapsedIndex());
            result = weights;
            unitsAreChannels = false;
        } else {
            boolean paper = c.method().equals(GREEDY);
            GreedyChannelPruning.Options o = new GreedyChannelPruning.Options(
                    paper ? GreedyChannelPruning.Mode.LOSS : GreedyChannelPruning.Mode.FAST, c.stop(), c.tolerance(), c.preCheck(),
                    1 - c.sparsity(), c.batch(), c.evaluationImages(), c.positions(), c.candidates(), c.candidatesPerPass(), false,
                    c.seed());
            List<double[]> between = new ArrayList<>();
            java.util.function.Consumer<Map<String, double[]>> hook = trained == null || trained.stepsBetweenLayers() == 0 ? null
                    : masks -> between.add(Training.maskedSteps(weights, c.source(), masks, trained.stepsBetweenLayers(), c.batch(),
                            c.learningRate(), 0.9, 5e-4));
            GreedyChannelPruning.Result r = GreedyChannelPruning.prune(weights, c.source(), o, hook);
            if (hook != null) {
                summary.put("finetuneBetween", Map.of("stepsPerLayer", trained.stepsBetweenLayers(), "losses", between));
            }
            result = r.pruned();
            Map<String, String> notes = new HashMap<>();
            for (GreedyChannelPruning.GroupResult g : r.groups()) {
                notes.put(g.producer(), "stopped by " + g.stoppedBy() + (Double.isNaN(g.endTop1()) ? ""
                        : String.format(" (top-1 %.3f → %.3f)", g.startTop1(), g.endTop1())));
            }
            rows.addAll(compare(arch, result.architecture(), notes));
            if (paper) {
                summary.put("stop", c.stop().name().toLowerCase(java.util.Locale.ROOT));
                summary.put("candidates", c.candidates());
                if (c.stop() == GreedyChannelPruning.Stop.ACCURACY) {
                    summary.put("precheck", c.preCheck());
                    summary.put("evaluationImages", c.evaluationImages());
                }
            } else {
                summary.put("positions", c.positions());
            }
            summary.put("tolerance", c.tolerance());
            summary.put("groups", r.groups().stream().map(PruneJob::group).toList());
            unitsAreChannels = true;
        }
        if (!accuracy.isEmpty()) {
            accuracy.put("afterPruning", accuracy(result));
        }
        if (c.finetuneSteps() > 0) {
            double[] losses = FineTuning.sgd(result, c.source(), c.finetuneSteps(), c.batch(), c.learningRate(), c.init() != null);
            summary.put("finetuneLosses", losses);
        }
        if (trained != null && trained.finetune() != null) {
            Training.Result ft = Training.run(result, trained.trainSet(), trained.heldOut(), trained.finetune(), c.init() != null, null,
                    false, c.model(), trained.terminal());
            summary.put("finetune", Map.of("options", trained.finetune(), "epochs", ft.metrics()));
            if (!accuracy.isEmpty()) {
                accuracy.put("afterFineTuning", accuracy(result));
            }
        }
        if (!accuracy.isEmpty()) {
            summary.put("accuracy", accuracy);
        }
        long paramsAfter = c.init() != null
                ? arch.trainableParameterCount() - ((long) summary.get("totalWeights") - (long) summary.get("keptWeights"))
                : result.architecture().trainableParameterCount();
        long macsBefore = arch.macs();
        long macsAfter = macsBefore - rows.stream().mapToLong(r -> r.macsBefore() - r.macsAfter()).sum();
        summary.put("paramsBefore", arch.trainableParameterCount());
        summary.put("paramsAfter", paramsAfter);
        summary.put("macsBefore", macsBefore);
        summary.put("macsAfter", macsAfter);
        summary.put("units", unitsAreChannels ? "output channels" : "weights");
        summary.put("layers", rows);
        return new Pruned(summary, rows, result, unitsAreChannels);
    }

    /** One pruned channel group for summary.json (NaN top-1 when not measured is written as null). */
    private static Map<String, Object> group(GreedyChannelPruning.GroupResult g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("producer", g.producer());
        m.put("consumer", g.consumer());
        m.put("channels", g.channels());
        m.put("kept", g.kept().length);
        m.put("keptChannels", g.kept());
        m.put("startLoss", finite(g.startLoss()));
        m.put("endLoss", finite(g.endLoss()));
        m.put("startTop1", finite(g.startTop1()));
        m.put("endTop1", finite(g.endTop1()));
        m.put("stoppedBy", g.stoppedBy());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Per conv/linear layer, channels before and after, from the two architectures' costs. */
    public static List<Row> compare(Architecture before, Architecture after, Map<String, String> notes) {
        Map<String, LayerCost> a = new HashMap<>();
        after.costs().forEach(x -> a.put(x.layer(), x));
        List<Row> rows = new ArrayList<>();
        for (LayerCost b : before.costs()) {
            if (b.kind().equals("batchnorm")) {
                continue;
            }
            LayerCost x = a.get(b.layer());
            rows.add(new Row(b.layer(), b.kind(), b.channels(), x.channels(), (double) x.channels() / b.channels(), b.params(),
                    x.params(), b.macs(), x.macs(), notes.getOrDefault(b.layer(), "")));
        }
        return rows;
    }

    private static void printTable(PrintWriter out, List<Row> rows, boolean channels) {
        int width = Math.max(5, rows.stream().mapToInt(r -> r.layer().length()).max().orElse(5));
        out.printf("%-" + width + "s  %-14s  %21s  %25s  %31s  %s%n", "layer", "kind", channels ? "channels kept" : "weights kept",
                "params before → after", "MACs/image before → after", "note");
        for (Row r : rows) {
            out.printf("%-" + width + "s  %-14s  %12d (%5.1f%%)  %11d → %-11d  %14d → %-14d  %s%n", r.layer(), r.kind(), r.kept(),
                    100 * r.keptFraction(), r.paramsBefore(), r.paramsAfter(), r.macsBefore(), r.macsAfter(), r.note());
        }
    }
}
