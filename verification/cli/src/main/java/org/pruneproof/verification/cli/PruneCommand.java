package org.pruneproof.verification.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.BatchSource;
import org.pruneproof.scaled.data.DataException;
import org.pruneproof.scaled.data.ImageFolder;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.jobs.PruneJob;
import org.pruneproof.scaled.nets.Architecture;
import org.pruneproof.scaled.nets.Architectures;
import org.pruneproof.scaled.pruning.InitMethod;
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
@Command(name = "prune", description = "Prune a standard network (ResNet, MobileNetV2, VGG) at initialisation or by greedy channel selection.")
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "resnet18|resnet34|resnet50|mobilenetv2|vgg19bn|cifar-resnet32|cifar-resnet50|cifar-resnet104, or stable-<resnet>")
    String model;

    @Option(names = "--method", required = true, description = "snip|sbp-sr|magnitude|random|greedy|greedy-fast")
    String method;

    @Option(names = "--sparsity", description = "fraction of weights removed (init methods, default 0.9); for greedy, caps each layer at (1-S) of its channels")
    Double sparsity;

    @Option(names = "--input-size", description = "side of the square input (default: 224 ImageNet models, 32 CIFAR models)")
    Integer inputSize;

    @Option(names = "--batch", description = "mini-batch size (default ${DEFAULT-VALUE})", defaultValue = "8")
    int batch;

    @Option(names = "--data", description = "synthetic, or a folder with one sub-folder of JPEG/PNG images per class (default ${DEFAULT-VALUE})", defaultValue = "synthetic")
    String data;

    @Option(names = "--width-multiplier", description = "multiplies every channel count (default ${DEFAULT-VALUE})", defaultValue = "1")
    double width;

    @Option(names = "--seed", description = "seed of initialisation, data and random choices (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--precision", description = "float32|float64 (default ${DEFAULT-VALUE})", defaultValue = "float32")
    String precision;

    @Option(names = "--stop", description = "greedy: accuracy (the authors' rule: top-1 on the evaluation set within --tolerance of the layer's start) or loss (batch loss within --tolerance of the full layer's) (default ${DEFAULT-VALUE})", defaultValue = "accuracy")
    String stop;

    @Option(names = "--tolerance", description = "greedy: relative tolerance of the stopping rule (default 0.02 for --stop accuracy, as the authors; 0.05 for --stop loss and greedy-fast)")
    Double tolerance;

    @Option(names = "--precheck", description = "greedy, --stop accuracy: measure the evaluation set once the batch top-1 is within this fraction of the start (default ${DEFAULT-VALUE})", defaultValue = "0.05")
    double preCheck;

    @Option(names = "--eval-images", description = "greedy, --stop accuracy: fixed evaluation set, drawn once, rounded up to whole batches (default ${DEFAULT-VALUE})", defaultValue = "64")
    int evaluationImages;

    @Option(names = "--candidates-per-pass", description = "greedy: candidates scored in one forward pass, as copies of the batch (memory grows with it) (default ${DEFAULT-VALUE})", defaultValue = "8")
    int candidatesPerPass;

    @Option(names = "--threads", description = "ND4J threads (default: all cores; 1 is faster for reduced sizes on a busy machine)")
    Integer threads;

    @Option(names = "--positions", description = "greedy-fast: sampled output positions per layer (default ${DEFAULT-VALUE})", defaultValue = "256")
    int positions;

    @Option(names = "--candidates", description = "greedy: random candidate channels scored per step (default ${DEFAULT-VALUE})", defaultValue = "50")
    int candidates;

    @Option(names = "--finetune-steps", description = "SGD steps after pruning (default ${DEFAULT-VALUE})", defaultValue = "0")
    int finetuneSteps;

    @Option(names = "--lr", description = "fine-tuning learning rate (default ${DEFAULT-VALUE})", defaultValue = "0.01")
    double learningRate;

    @Option(names = "--out", required = true, description = "output folder (created)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PruneJob.Config config = config();
        PrintWriter w = spec.commandLine().getOut();
        // SameDiff prints "Added differentiated op …" to System.out, bypassing the logger
        // (dependencies.md §3); keep the command's own output (the table) clean.
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Environment env = Nd4j.getEnvironment();
        int maxThreads = env.maxThreads();
        int masterThreads = env.maxMasterThreads();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        try {
            if (threads != null) {
                env.setMaxThreads(threads);
                env.setMaxMasterThreads(threads);
                Nd4j.factory().blas().setMaxThreads(threads);
            }
            new PruneJob(config).run(w);
        } catch (DataException e) {
            throw new Main.UsageError(e.getMessage());
        } finally {
            System.setOut(stdout);
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(masterThreads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
        w.flush();
        return 0;
    }

    private PruneJob.Config config() {
        String m = method.toLowerCase(Locale.ROOT);
        boolean greedy = m.equals("greedy") || m.equals("greedy-fast");
        InitMethod init = null;
        if (!greedy) {
            try {
                init = InitMethod.parse(m);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--method: unknown method '" + method + "'; expected snip, sbp-sr, magnitude, random, greedy or greedy-fast");
            }
        }
        double s = sparsity == null ? (greedy ? 0 : 0.9) : sparsity;
        if (!(s >= 0 && s < 1)) {
            throw new Main.UsageError("--sparsity must be in [0, 1), got " + sparsity);
        }
        if (batch < 1) {
            throw new Main.UsageError("--batch must be ≥ 1, got " + batch);
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new Main.UsageError("--width-multiplier must be positive, got " + width);
        }
        GreedyChannelPruning.Stop stopRule = switch (stop.toLowerCase(Locale.ROOT)) {
            case "accuracy" -> GreedyChannelPruning.Stop.ACCURACY;
            case "loss" -> GreedyChannelPruning.Stop.LOSS;
            default -> throw new Main.UsageError("--stop must be accuracy or loss, got '" + stop + "'");
        };
        double tol = tolerance != null ? tolerance
                : m.equals("greedy") && stopRule == GreedyChannelPruning.Stop.ACCURACY ? GreedyChannelPruning.PAPER_TOP1_TOLERANCE : 0.05;
        if (!(tol >= 0) || !(preCheck >= 0) || evaluationImages < 1 || positions < 1 || candidates < 1 || candidatesPerPass < 1
                || finetuneSteps < 0 || !(learningRate > 0)) {
            throw new Main.UsageError("--tolerance ≥ 0, --precheck ≥ 0, --eval-images ≥ 1, --positions ≥ 1, --candidates ≥ 1,"
                    + " --candidates-per-pass ≥ 1, --finetune-steps ≥ 0 and --lr > 0 expected");
        }
        if (threads != null && threads < 1) {
            throw new Main.UsageError("--threads must be ≥ 1, got " + threads);
        }
        DataType type = switch (precision.toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new Main.UsageError("--precision must be float32 or float64, got '" + precision + "'");
        };
        String name = model.toLowerCase(Locale.ROOT);
        if (init == InitMethod.SBP_SR && Architectures.isResNet(name)) {
            name = Architectures.stableName(name);  // SBP-SR on a ResNet = SNIP on its Stable variant
        }
        Architecture arch;
        try {
            arch = Architectures.byName(name, width);
            if (inputSize != null) {
                if (inputSize < 1) {
                    throw new Main.UsageError("--input-size must be ≥ 1, got " + inputSize);
                }
                arch = arch.withInputSize(inputSize);
            }
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--model " + model + ": " + e.getMessage());
        }
        BatchSource source;
        if (data.equals("synthetic")) {
            source = new SyntheticImages(arch.classes(), arch.inputChannels(), arch.inputSize(), type, seed);
        } else {
            Path dir = Path.of(data);
            if (!Files.isDirectory(dir)) {
                throw new Main.UsageError("--data: '" + data + "' is neither 'synthetic' nor an existing folder");
            }
            try {
                source = ImageFolder.open(dir, arch.inputSize(), type, seed);
            } catch (DataException e) {
                throw new Main.UsageError("--data: " + e.getMessage());
            }
            if (source.classes() > arch.classes()) {
                throw new Main.UsageError("--data: " + dir + " has " + source.classes() + " classes, more than the model's " + arch.classes());
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UsageError("--out: " + out + " exists and is not a folder");
        }
        return new PruneJob.Config(model, m, arch, init, s, batch, data, width, seed, type, stopRule, tol, preCheck,
                evaluationImages, positions, candidates, candidatesPerPass, finetuneSteps, learningRate, source, out);
    }
}
