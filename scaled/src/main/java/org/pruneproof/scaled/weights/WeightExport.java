package org.pruneproof.scaled.weights;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.Safetensors;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * Exports a network into a folder that {@link TrainedWeights#load} reads again: {@code model.safetensors}
 * (every tensor under its PyTorch name, float32 — float64 for a float64 network — physically smaller after
 * channel pruning, pruned weights 0 after unstructured pruning) and {@code architecture.json}
 * ({@link ExportedArchitecture}). Each file is written atomically; callers write into an
 * {@code io.OutputFolder} so that the folder appears whole.
 */
public final class WeightExport {

    private WeightExport() {
    }

    /** Writes {@code dir/model.safetensors} and {@code dir/architecture.json}. */
    public static void write(Path dir, NetworkWeights weights, double widthMultiplier, boolean zerosFixed) {
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : weights.arrays().entrySet()) {
            INDArray a = e.getValue();
            tensors.put(e.getKey(), NpyArray.of(a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.FLOAT)));
        }
        Safetensors.write(dir.resolve(TrainedWeights.EXPORTED_TENSORS), tensors);
        ExportedArchitecture.of(weights.architecture(), widthMultiplier, zerosFixed).write(dir.resolve(ExportedArchitecture.FILE));
    }
}
