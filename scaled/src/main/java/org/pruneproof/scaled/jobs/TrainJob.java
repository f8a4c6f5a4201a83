package org.pruneproof.scaled.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.training.Training;
import org.pruneproof.scaled.weights.WeightExport;

/**
 * The train job: {@link Training} of a network (imported or freshly initialised) on a data set's training split,
 * the held-out split evaluated after each epoch, a checkpoint after each epoch ({@code checkpoint}, beside the output
 * folder, so that it survives an interruption), then the output folder ({@link OutputFolder}, whole or not at all):
 * {@code model.safetensors} + {@code architecture.json} (loadable by evaluate, train and prune), {@code metrics.csv}
 * (one row per epoch) and {@code summary.json}.
 */
public final class TrainJob {

    /** Validated options of one run. */
    public record Config(String model, NetworkWeights weights, boolean zerosFixed, double widthMultiplier, String initialWeights,
                         LabelledSet train, LabelledSet heldOut, String dataName, Training.Options options, Path checkpoint,
                         boolean resume, Path out, Map<String, Path> inputs, PrintWriter terminal) {
    }

    private TrainJob() {
    }

    /** The default checkpoint of an output folder: {@code <out>.checkpoint.safetensors} beside it. */
    public static Path defaultCheckpoint(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint.safetensors");
    }

    /** Runs the job; returns the training result (incomplete when stopped early, then no output folder is written). */
    public static Training.Result run(Config c, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        try (OutputFolder folder = OutputFolder.create("--out", c.out(), c.inputs())) {
            Training.Result r = Training.run(c.weights(), c.train(), c.heldOut(), c.options(), c.zerosFixed(), c.checkpoint(),
                    c.resume(), c.model() + " " + c.weights().architecture().parameters().size() + " tensors, data " + c.dataName()
                    + " (" + c.train().imageCount() + " images)", c.terminal());
            if (!r.complete()) {
                out.printf(Locale.ROOT, "stopped after epoch %d of %d; resume with --resume (checkpoint %s)%n", r.metrics().size(),
                        c.options().epochs(), c.checkpoint());
                return r;
            }
            Path dir = folder.path();
            WeightExport.write(dir, c.weights(), c.widthMultiplier(), c.zerosFixed());
            AtomicFiles.writeString(dir.resolve("metrics.csv"), r.csv());
            Training.EpochMetrics last = r.metrics().get(r.metrics().size() - 1);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", c.model());
            s.put("architecture", c.weights().architecture().name());
            s.put("inputSize", c.weights().architecture().inputSize());
            s.put("classes", c.weights().architecture().classes());
            s.put("initialWeights", c.initialWeights());
            s.put("data", c.dataName());
            s.put("trainImages", c.train().imageCount());
            s.put("heldOutImages", c.heldOut() == null ? 0 : c.heldOut().imageCount());
            s.put("options", c.options());
            s.put("zerosFixed", c.zerosFixed());
            s.put("heldOutTop1", last.heldOutTop1());
            s.put("heldOutLoss", last.heldOutLoss());
            s.put("trainLoss", last.trainLoss());
            s.put("epochs", r.metrics());
            s.put("threads", org.pruneproof.scaled.Nd4jDefaults.threads());
            s.put("seconds", (System.nanoTime() - t0) / 1e9);
            JsonFiles.write(dir.resolve("summary.json"), s);
            folder.commitListing("train");
            out.printf(Locale.ROOT, "trained %s for %d epochs: held-out top-1 %.4f, loss %.4f; wrote %s%n", c.model(),
                    r.metrics().size(), last.heldOutTop1(), last.heldOutLoss(), c.out());
            return r;
        }
    }
}
