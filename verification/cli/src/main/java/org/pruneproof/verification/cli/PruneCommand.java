package org.pruneproof.verification.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.training.Schedule;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.scaled.weights.TrainedWeights;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.nets.MemoryEstimate;
import org.pruneproof.scaled.jobs.PruneJob;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pruneproof prune}: prunes a full-size (or reduced) network at initialisation or greedily by
 * channels, prints a per-layer table and writes {@code summary.json} and the pruned weights
 * ({@code weights/<parameter>.npy}) to the output folder. See {@link PruneJob}.
 */
@Command(name = "prune", description = "Prune a standard network (the models: see --model) at initialisation or by greedy channel selection.")
final class PruneCommand implements Callable<Integer> {

    private static final String GREEDY = PruneJob.GREEDY;
    private static final String GREEDY_FAST = PruneJob.GREEDY_FAST;

    /** The models of the registry, for the help. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Architectures.NAMES.iterator();
        }
    }

    /** The pruning-at-initialisation methods of the registry, then greedy channel selection, for the help. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> names = new java.util.ArrayList<>(PruningMethod.cliNames());
            names.add(GREEDY);
            names.add(GREEDY_FAST);
            return names.iterator();
        }
    }

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NetworkShapeOptions shape;

    @Option(names = "--model", required = true, completionCandidates = ModelNames.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String model;

    @Option(names = "--method", required = true, completionCandidates = MethodNames.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String method;

    @Option(names = "--sparsity", description = "fraction of weights removed (init methods, default 0.9); for greedy, caps each layer at (1-S) of its channels")
    Double sparsity;


    @Option(names = "--batch", description = "mini-batch size (default ${DEFAULT-VALUE})", defaultValue = "8")
    int batch;

    @Option(names = "--data", description = "synthetic, or a folder with one sub-folder of JPEG/PNG images per class (default ${DEFAULT-VALUE})", defaultValue = "synthetic")
    String data;


    @Option(names = "--seed", description = "seed of initialisation, data and random choices (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;


    @Option(names = "--stop", description = "greedy: accuracy (the authors' rule: top-1 on the evaluation set within --tolerance of the layer's start) or loss (batch loss within --tolerance of the full layer's) (default ${DEFAULT-VALUE})", defaultValue = "accuracy")
    String stop;

    @Option(names = "--tolerance", description = "greedy: relative tolerance of the stopping rule (default 0.02 for --stop accuracy, as the authors; 0.05 for --stop loss and greedy-fast)")
    Double tolerance;

    @Option(names = "--precheck", description = "greedy, --stop accuracy: measure the evaluation set once the batch top-1 is within this fraction of the start (default ${DEFAULT-VALUE})", defaultValue = "0.05")
    double preCheck;

    @Option(names = "--eval-images", description = "greedy, --stop accuracy: fixed evaluation set, drawn once, rounded up to whole batches (default ${DEFAULT-VALUE})", defaultValue = "64")
    int evaluationImages;

    @Option(names = "--candidates-per-pass", description = "greedy: candidates scored in one forward pass, as copies of the batch (memory grows with it; at most --candidates + 1 are used) (default ${DEFAULT-VALUE})", defaultValue = "8")
    int candidatesPerPass;

    @Option(names = "--threads", description = "ND4J threads (default: all cores; 1 is faster for reduced sizes on a busy machine)")
    Integer threads;

    @Option(names = "--positions", description = "greedy-fast: sampled output positions per layer (default ${DEFAULT-VALUE})", defaultValue = "256")
    int positions;

    @Option(names = "--candidates", description = "greedy: random candidate channels scored per step; more than a layer's channels scores every channel (default ${DEFAULT-VALUE})", defaultValue = "50")
    int candidates;

    @Option(names = "--finetune-steps", description = "SGD steps after pruning (default ${DEFAULT-VALUE})", defaultValue = "0")
    int finetuneSteps;

    @Option(names = "--lr", description = "fine-tuning learning rate (default ${DEFAULT-VALUE})", defaultValue = "0.01")
    double learningRate;

    @Option(names = "--weights", description = "prune these trained weights (.safetensors, a folder of <name>.npy, or an export folder) instead of the seeded initialisation")
    Path weights;

    @Option(names = "--finetune-epochs", description = "with real --data: epochs of training after pruning through the training loop (SGD, momentum 0.9, weight decay 5e-4, cosine): fine-tuning of --weights, or without --weights training of the seeded initialisation under its mask; default ${DEFAULT-VALUE}", defaultValue = "0")
    int finetuneEpochs;

    @Option(names = "--finetune-between", description = "greedy with --weights and real --data: fine-tune between layers for this fraction of an epoch of the training split (Ye et al. used 0.1), default ${DEFAULT-VALUE}", defaultValue = "0")
    double finetuneBetween;

    @Option(names = "--heldout-images", description = "with real --data: held-out images (the first N of the test split) on which top-1 is measured before pruning, after pruning and after fine-tuning (default: all; 0: none)")
    Integer heldOutImages;

    /** The weights of --weights, loaded once by {@link #config}. */
    private TrainedWeights loaded;

    @Option(names = "--out", required = true, description = "output folder (created): summary.json, weights/*.npy, model.safetensors, architecture.json")
    Path out;

    @Override
    public Integer call() throws IOException {
        PruneJob job = job();
        PrintWriter w = spec.commandLine().getOut();
        Nd4jJobs.run(threads, () -> job.run(w));
        w.flush();
        return 0;
    }

    /** The job these options describe, checked (weights and data opened); runs nothing. */
    PruneJob job() {
        PruneJob.Config config = config();
        return new PruneJob(config, trained(config));
    }

    /**
     * The real-data part of the job (null when there is none): the weights of --weights (null: the seeded initialisation,
     * trained from scratch under its mask by --finetune-epochs), the held-out and training splits, the fine-tune options.
     */
    private PruneJob.Trained trained(PruneJob.Config c) {
        boolean real = !data.equals("synthetic");
        requireAtLeast("--finetune-epochs", finetuneEpochs, 0);
        if (heldOutImages != null) {
            requireAtLeast("--heldout-images", heldOutImages, 0);
        }
        if (weights == null && finetuneBetween != 0) {
            throw new Main.UsageError("--finetune-between needs --weights");
        }
        if (weights == null && finetuneEpochs == 0 && heldOutImages == null) {
            return null;
        }
        if (!(finetuneBetween >= 0 && finetuneBetween <= 10)) {
            throw new Main.UsageError("--finetune-between must be in [0, 10] (a fraction of an epoch), got " + finetuneBetween);
        }
        if (finetuneBetween > 0 && c.init() != null) {
            throw new Main.UsageError("--finetune-between applies to greedy channel pruning (--method greedy or greedy-fast)");
        }
        TrainedWeights t = loaded;
        if (!real && (finetuneEpochs > 0 || finetuneBetween > 0 || (heldOutImages != null && heldOutImages > 0))) {
            throw new Main.UsageError("--finetune-epochs, --finetune-between and --heldout-images need real --data (fashion-mnist, an"
                    + " MNIST-format or image folder)");
        }
        int between = finetuneBetween == 0 ? 0
                : (int) Math.max(1, Math.round(finetuneBetween * ((LabelledSet) c.source()).imageCount() / c.batch()));
        LabelledSet held = null;
        LabelledSet train = null;
        if (real) {
            org.pruneproof.nets.Architecture network = t != null ? t.architecture() : c.architecture();
            if (heldOutImages == null || heldOutImages > 0) {
                held = DataSets.open(data, "test", network, c.type(), seed);
                if (heldOutImages != null) {
                    held = held.first(heldOutImages);
                }
            }
            if (finetuneEpochs > 0) {
                train = DataSets.open(data, "train", network, c.type(), seed);
            }
        }
        Training.Options ft = finetuneEpochs == 0 ? null : new Training.Options(finetuneEpochs, Math.max(batch, 32), learningRate,
                0.9, 5e-4, Schedule.COSINE, seed, false, Math.max(batch, 50), finetuneEpochs);
        return new PruneJob.Trained(t, held, train, ft, between, Nd4jJobs.terminal(spec.commandLine().getErr()));
    }

    /** Widest multiplier accepted: ×64 of a standard network already needs hundreds of GiB. */
    static final double MAX_WIDTH = 64;
    /** Largest learning rate accepted: SGD diverges far below it on every network here. */
    static final double MAX_LEARNING_RATE = 100;

    private static void requireIn(String option, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new Main.UsageError(option + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }

    private static void requireAtLeast(String option, int value, int lo) {
        if (value < lo) {
            throw new Main.UsageError(option + " must be ≥ " + lo + ", got " + value);
        }
    }

    PruneJob.Config config() {
        String m = method.toLowerCase(Locale.ROOT);
        boolean greedy = m.equals(GREEDY) || m.equals(GREEDY_FAST);
        PruningMethod init = null;
        if (!greedy) {
            try {
                init = PruningMethod.parse(m);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--method: unknown method '" + method + "'; expected " + String.join(", ", PruningMethod.cliNames())
                        + ", " + GREEDY + " or " + GREEDY_FAST);
            }
        }
        double s = sparsity == null ? (greedy ? 0 : 0.9) : sparsity;
        if (!(s >= 0 && s < 1)) {
            throw new Main.UsageError("--sparsity must be in [0, 1), got " + sparsity);
        }
        if (batch < 1) {
            throw new Main.UsageError("--batch must be ≥ 1, got " + batch);
        }
        shape.check();
        GreedyChannelPruning.Stop stopRule = switch (stop.toLowerCase(Locale.ROOT)) {
            case "accuracy" -> GreedyChannelPruning.Stop.ACCURACY;
            case "loss" -> GreedyChannelPruning.Stop.LOSS;
            default -> throw new Main.UsageError("--stop must be accuracy or loss, got '" + stop + "'");
        };
        double tol = tolerance != null ? tolerance
                : m.equals(GREEDY) && stopRule == GreedyChannelPruning.Stop.ACCURACY ? GreedyChannelPruning.PAPER_TOP1_TOLERANCE : 0.05;
        requireIn("--tolerance", tol, 0, 1);
        requireIn("--precheck", preCheck, 0, 1);
        if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            throw new Main.UsageError("--lr must be in (0, " + MAX_LEARNING_RATE + "], got " + learningRate);
        }
        requireAtLeast("--eval-images", evaluationImages, 1);
        requireAtLeast("--positions", positions, 1);
        requireAtLeast("--candidates", candidates, 1);
        requireAtLeast("--candidates-per-pass", candidatesPerPass, 1);
        requireAtLeast("--finetune-steps", finetuneSteps, 0);
        Nd4jJobs.requireThreads(threads);
        // The fine-tuning loss of every step is kept for summary.json (8 bytes a step, plus the list's boxing).
        if (24L * finetuneSteps > Runtime.getRuntime().maxMemory() / 2) {
            throw new Main.UsageError(String.format(Locale.ROOT, "--finetune-steps %d: the per-step losses alone would need "
                    + "%.1f GiB, more than half of the %.1f GiB heap; choose fewer steps", finetuneSteps,
                    24.0 * finetuneSteps / (1L << 30), Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        }
        DataType type = shape.type();
        String name = model.toLowerCase(Locale.ROOT);
        Architecture arch;
        try {
            arch = Architectures.byName(name, shape.width);
            if (init != null && init.usesStableResNet() && arch.isResNet()) {
                arch = Architectures.byName(Architectures.stableName(name), shape.width);  // SBP-SR on a ResNet: its Stable variant
            }
            if (shape.inputSize != null) {
                arch = arch.withInputSize(shape.inputSize);
            }
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--model " + model + ": " + e.getMessage());
        }
        int bytes = type == DataType.DOUBLE ? 8 : 4;
        MemoryEstimate network = MemoryEstimate.of(arch, batch, bytes, 1);
        if (!network.fits()) {
            throw new Main.UsageError(String.format(Locale.ROOT, "--batch %d, --input-size %d, --width-multiplier %s: %s would need %s;"
                    + " choose smaller sizes", batch, arch.inputSize(), shape.width, model, network.describe()));
        }
        // Greedy's extras: their values (defaults included) for a greedy method; for another method only the values
        // given on the command line, so that an absurd value is never silently accepted but the greedy defaults do not
        // refuse a SNIP job that never uses them.
        var given = spec.commandLine().getParseResult();
        boolean any = greedy || given.hasMatchedOption("--candidates-per-pass") || given.hasMatchedOption("--candidates")
                || given.hasMatchedOption("--eval-images") || given.hasMatchedOption("--positions");
        int perPass = greedy || given.hasMatchedOption("--candidates-per-pass") || given.hasMatchedOption("--candidates")
                ? Math.min(candidatesPerPass, candidates + 1) : 1;
        double evalBytes = greedy || given.hasMatchedOption("--eval-images")
                ? (double) evaluationImages * arch.inputChannels() * arch.inputSize() * arch.inputSize() * bytes : 0;
        double positionBytes = greedy || given.hasMatchedOption("--positions")
                ? (double) positions * MemoryEstimate.widestLayer(arch) * MemoryEstimate.widestLayer(arch) * 8 : 0;
        MemoryEstimate withGreedy = MemoryEstimate.of(arch, batch, bytes, perPass).plus(evalBytes).plus(positionBytes);
        if (any && !withGreedy.fits()) {
            throw new Main.UsageError(String.format(Locale.ROOT, "--candidates-per-pass %d, --eval-images %d, --positions %d"
                    + " (greedy pruning of %s at --batch %d, --input-size %d): would need %s; choose smaller values",
                    candidatesPerPass, evaluationImages, positions, model, batch, arch.inputSize(), withGreedy.describe()));
        }
        BatchSource source;
        if (weights != null) {
            try {
                loaded = TrainedWeights.load(weights, arch.name(), shape.width, shape.inputSize, type);
                arch = loaded.architecture();  // the file's classes, an export's widths
            } catch (org.pruneproof.scaled.weights.WeightFileException e) {
                throw new Main.UsageError(e.getMessage());
            }
        }
        if (data.equals("synthetic")) {
            source = new SyntheticImages(arch.classes(), arch.inputChannels(), arch.inputSize(), type, seed);
        } else {
            if (!Files.isDirectory(DataSets.folder(data))) {
                throw new Main.UsageError("--data: '" + data + "' is neither 'synthetic', 'fashion-mnist' nor an existing folder");
            }
            source = (BatchSource) DataSets.open(data, "train", arch, type, seed);
            if (source.classes() > arch.classes()) {
                throw new Main.UsageError("--data: " + data + " has " + source.classes() + " classes, more than the model's " + arch.classes());
            }
        }
        if (greedy && org.pruneproof.nets.ChannelGroups.find(arch).isEmpty()) {
            throw new Main.UsageError("--method " + m + ": " + model + " has no prunable channel group (the channels of a"
                    + " convolution read by another convolution); greedy channel pruning needs a convolutional network");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UsageError("--out: " + out + " exists and is not a folder");
        }
        return new PruneJob.Config(model, m, arch, init, s, batch, data, shape.width, seed, type, stopRule, tol, preCheck,
                evaluationImages, positions, candidates, candidatesPerPass, finetuneSteps, learningRate, source, out);
    }
}
