package org.pruneproof.verification.cli;

import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Option;

/**
 * The options that size a network, shared by {@code prune}, {@code train}, {@code evaluate} and {@code sweep} (a picocli
 * mixin): {@code --input-size}, {@code --width-multiplier} and {@code --precision}, checked in one place.
 */
final class NetworkShapeOptions {

    @Option(names = "--input-size", description = "side of the square input (default: the model's, 224 ImageNet models, 32 CIFAR"
            + " models, 28 the LeNets; with --weights, the export's own)")
    Integer inputSize;

    @Option(names = "--width-multiplier", description = "multiplies every channel count; with --weights, as the weights were made"
            + " (default ${DEFAULT-VALUE})", defaultValue = "1")
    double width;

    @Option(names = "--precision", description = "float32|float64 (default ${DEFAULT-VALUE})", defaultValue = "float32")
    String precision;

    /** The data type {@code --precision} names; a one-line usage error otherwise. */
    DataType type() {
        return Nd4jJobs.precision(precision);
    }

    /** Checks {@code --width-multiplier} ∈ (0, {@value PruneCommand#MAX_WIDTH}] and {@code --input-size} ≥ 1. */
    void check() {
        if (!(width > 0 && width <= PruneCommand.MAX_WIDTH)) {
            throw new Main.UsageError("--width-multiplier must be in (0, " + PruneCommand.MAX_WIDTH + "], got " + width);
        }
        if (inputSize != null && inputSize < 1) {
            throw new Main.UsageError("--input-size must be ≥ 1, got " + inputSize);
        }
    }
}
