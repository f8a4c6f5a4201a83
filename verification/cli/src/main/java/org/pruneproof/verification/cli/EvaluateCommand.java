package org.pruneproof.verification.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.jobs.EvaluateJob;
import org.pruneproof.scaled.weights.TrainedWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pruneproof evaluate}: top-1, top-5, mean loss and logits of trained weights on a data set. See {@link EvaluateJob}. */
@Command(name = "evaluate", description = "Evaluate trained weights (safetensors, .npy folder or a pruneproof export) on a data set.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NetworkShapeOptions shape;

    @Option(names = "--model", completionCandidates = PruneCommand.ModelNames.class,
            description = "one of ${COMPLETION-CANDIDATES} (optional for an export folder, which names its model)")
    String model;

    @Option(names = "--weights", required = true, description = "a .safetensors file, a folder of <name>.npy, or an export folder (architecture.json + model.safetensors)")
    Path weights;

    @Option(names = "--data", required = true, description = "fashion-mnist, an MNIST-format folder, or an image folder ROOT/<class>/<image>")
    String data;

    @Option(names = "--split", description = "train or test (default ${DEFAULT-VALUE})", defaultValue = "test")
    String split;



    @Option(names = "--batch", description = "images per forward pass (default ${DEFAULT-VALUE})", defaultValue = "100")
    int batch;


    @Option(names = "--threads", description = "ND4J threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", required = true, description = "output folder (created): summary.json, logits.npy")
    Path out;

    @Override
    public Integer call() throws IOException {
        DataType type = shape.type();
        if (batch < 1) {
            throw new Main.UsageError("--batch must be ≥ 1, got " + batch);
        }
        shape.check();
        Nd4jJobs.requireThreads(threads);
        Nd4jJobs.run(threads, () -> {
            TrainedWeights w = TrainedWeights.load(weights, model, shape.width, shape.inputSize, type);
            LabelledSet set = DataSets.open(data, split, w.architecture(), type, 0);
            if (set.classes() > w.architecture().classes()) {
                throw new Main.UsageError("--data: " + data + " has " + set.classes() + " classes, more than the "
                        + w.architecture().classes() + " outputs of the network in " + weights);
            }
            Map<String, Path> inputs = new LinkedHashMap<>();
            inputs.put("--weights", weights);
            inputs.put("--data", DataSets.folder(data));
            String name = model != null ? model : w.architecture().name();
            EvaluateJob.run(new EvaluateJob.Config(name, w, set, data, split, batch, out, inputs,
                    Nd4jJobs.terminal(spec.commandLine().getErr())), spec.commandLine().getOut());
        });
        spec.commandLine().getOut().flush();
        return 0;
    }
}
