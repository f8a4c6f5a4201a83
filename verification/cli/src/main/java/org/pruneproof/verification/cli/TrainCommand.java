package org.pruneproof.verification.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.data.GrayscaleImages;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.jobs.TrainJob;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.training.Schedule;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.scaled.weights.TrainedWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pruneproof train}: SGD training or fine-tuning with checkpoints and resume. See {@link TrainJob}. */
@Command(name = "train", description = "Train or fine-tune a network (SGD with momentum and weight decay, PyTorch's semantics).")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NetworkShapeOptions shape;

    @Option(names = "--model", completionCandidates = PruneCommand.ModelNames.class,
            description = "one of ${COMPLETION-CANDIDATES} (optional with an export folder as --weights)")
    String model;

    @Option(names = "--weights", description = "start from these weights (.safetensors, .npy folder or export folder); default: He initialisation from --seed")
    Path weights;

    @Option(names = "--data", required = true, description = "fashion-mnist, an MNIST-format folder, or an image folder (ROOT/train, ROOT/test or ROOT/val when present)")
    String data;

    @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})", defaultValue = "10")
    int epochs;

    @Option(names = "--batch", description = "mini-batch size (default ${DEFAULT-VALUE})", defaultValue = "128")
    int batch;

    @Option(names = "--lr", description = "learning rate η (default ${DEFAULT-VALUE})", defaultValue = "0.1")
    double lr;

    @Option(names = "--momentum", description = "momentum μ (default ${DEFAULT-VALUE})", defaultValue = "0.9")
    double momentum;

    @Option(names = "--weight-decay", description = "weight decay λ (default ${DEFAULT-VALUE})", defaultValue = "5e-4")
    double weightDecay;

    @Option(names = "--schedule", description = "cosine|step|constant (default ${DEFAULT-VALUE})", defaultValue = "cosine")
    String schedule;

    @Option(names = "--augment", description = "crop-flip (random crop, padding 4, and horizontal flip) or none (default: none for MNIST-format data, crop-flip for image folders)")
    String augment;

    @Option(names = "--seed", description = "seed of initialisation, shuffling and augmentation (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;




    @Option(names = "--threads", description = "ND4J threads (default: all cores); the same seed and thread count give the same result")
    Integer threads;

    @Option(names = "--checkpoint", description = "checkpoint file written after each epoch (default: OUT.checkpoint.safetensors beside --out)")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint when it exists")
    boolean resume;

    @Option(names = "--stop-after", description = "stop after this many epochs, keeping the checkpoint (resume later with --resume)")
    Integer stopAfter;

    @Option(names = "--out", required = true, description = "output folder (created): model.safetensors, architecture.json, metrics.csv, summary.json")
    Path out;

    @Override
    public Integer call() throws IOException {
        DataType type = shape.type();
        Schedule sched = Schedule.parse(schedule);
        if (sched == null) {
            throw new Main.UsageError("--schedule must be cosine, step or constant, got '" + schedule + "'");
        }
        if (epochs < 1 || batch < 1) {
            throw new Main.UsageError((epochs < 1 ? "--epochs" : "--batch") + " must be ≥ 1, got " + (epochs < 1 ? epochs : batch));
        }
        if (!(lr > 0 && lr <= PruneCommand.MAX_LEARNING_RATE)) {
            throw new Main.UsageError("--lr must be in (0, " + PruneCommand.MAX_LEARNING_RATE + "], got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new Main.UsageError("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0 && weightDecay <= 1)) {
            throw new Main.UsageError("--weight-decay must be in [0, 1], got " + weightDecay);
        }
        shape.check();
        if (stopAfter != null && stopAfter < 1) {
            throw new Main.UsageError("--stop-after must be ≥ 1, got " + stopAfter);
        }
        if (augment != null && !augment.equalsIgnoreCase("none") && !augment.equalsIgnoreCase("crop-flip")) {
            throw new Main.UsageError("--augment must be crop-flip or none, got '" + augment + "'");
        }
        if (weights == null && model == null) {
            throw new Main.UsageError("--model is needed (or --weights with an export folder)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UsageError("--out: " + out + " exists and is not a folder");
        }
        Nd4jJobs.requireThreads(threads);
        Nd4jJobs.run(threads, () -> {
            NetworkWeights w;
            double widthUsed = shape.width;
            boolean zerosFixed = false;
            String initial;
            LabelledSet train;
            if (weights != null) {
                TrainedWeights t = TrainedWeights.load(weights, model, shape.width, shape.inputSize, type);
                w = t.weights();
                zerosFixed = t.zerosFixed();
                widthUsed = t.widthMultiplier();
                initial = weights + " (sha256 " + t.sha256() + ")";
                train = DataSets.open(data, "train", w.architecture(), type, seed);
            } else {
                Architecture probe;
                try {
                    probe = Architectures.byName(model, shape.width);
                    if (shape.inputSize != null) {
                        probe = probe.withInputSize(shape.inputSize);
                    }
                } catch (IllegalArgumentException e) {
                    throw new Main.UsageError("--model " + model + ": " + e.getMessage());
                }
                train = DataSets.open(data, "train", probe, type, seed);
                Architecture a = Architectures.byName(model, shape.width, train.classes()).withInputSize(probe.inputSize());
                w = NetworkWeights.initialise(a, type, new SplittableRandom(seed));
                initial = "He initialisation, seed " + seed;
            }
            if (train.classes() > w.architecture().classes()) {
                throw new Main.UsageError("--data: " + data + " has " + train.classes() + " classes, more than the network's "
                        + w.architecture().classes());
            }
            LabelledSet held = DataSets.open(data, "test", w.architecture(), type, seed);
            boolean aug = augment == null ? !(train instanceof GrayscaleImages) : augment.toLowerCase(Locale.ROOT).equals("crop-flip");
            Training.Options o = new Training.Options(epochs, batch, lr, momentum, weightDecay, sched, seed, aug, Math.max(batch, 100),
                    stopAfter == null ? epochs : stopAfter);
            Map<String, Path> inputs = new LinkedHashMap<>();
            if (weights != null) {
                inputs.put("--weights", weights);
            }
            inputs.put("--data", DataSets.folder(data));
            Path ck = checkpoint != null ? checkpoint : TrainJob.defaultCheckpoint(out);
            String name = model != null ? model : w.architecture().name();
            try {
                TrainJob.run(new TrainJob.Config(name, w, zerosFixed, widthUsed, initial, train, held, data, o, ck, resume, out, inputs,
                        Nd4jJobs.terminal(spec.commandLine().getErr())), spec.commandLine().getOut());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new Main.UsageError(e.getMessage());
            }
        });
        spec.commandLine().getOut().flush();
        return 0;
    }
}
