package org.pruneproof.scaled.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.training.Evaluation;
import org.pruneproof.scaled.weights.TrainedWeights;

/**
 * The evaluate job: a trained network's top-1, top-5 and mean loss on every image of a data set, in the
 * set's documented order (an image folder: classes by name, then file names; an IDX set: file order), batch
 * norm in inference mode. Writes {@code summary.json} and {@code logits.npy} (N × classes, float32) into an
 * {@link OutputFolder}.
 */
public final class EvaluateJob {

    /** Validated options of one run. */
    public record Config(String model, TrainedWeights weights, LabelledSet data, String dataName, String split, int batch,
                         Path out, Map<String, Path> inputs, PrintWriter terminal) {
    }

    private EvaluateJob() {
    }

    /** Runs the job; the folder appears whole or not at all. */
    public static Evaluation run(Config c, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        try (OutputFolder folder = OutputFolder.create("--out", c.out(), c.inputs())) {
            Evaluation e = Evaluation.of(c.weights().weights(), c.data(), c.batch(), c.terminal());
            Path dir = folder.path();
            Npy.write(dir.resolve("logits.npy"), NpyArray.ofFloats(e.logits(), e.images(), e.classes()));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", c.model());
            s.put("architecture", c.weights().architecture().name());
            s.put("inputSize", c.weights().architecture().inputSize());
            s.put("classes", e.classes());
            s.put("weights", c.weights().source().toString());
            s.put("weightsSha256", c.weights().sha256());
            s.put("data", c.dataName());
            s.put("split", c.split());
            s.put("images", e.images());
            s.put("top1", e.top1());
            s.put("top5", e.top5());
            s.put("meanLoss", e.loss());
            s.put("batchNorm", "inference (running statistics)");
            s.put("logits", "logits.npy: " + e.images() + " × " + e.classes() + " float32, in the data's order");
            s.put("seconds", (System.nanoTime() - t0) / 1e9);
            JsonFiles.write(dir.resolve("summary.json"), s);
            folder.commitListing("evaluate");
            out.printf(java.util.Locale.ROOT, "%s on %s (%s, %d images): top-1 %.4f, top-5 %.4f, mean loss %.4f; wrote %s%n",
                    c.model(), c.dataName(), c.split(), e.images(), e.top1(), e.top5(), e.loss(), c.out());
            return e;
        }
    }
}
