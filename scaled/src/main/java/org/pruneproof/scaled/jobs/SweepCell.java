package org.pruneproof.scaled.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One cell of a sweep: a model pruned by one method at one sparsity from one seed. {@code pruneArguments} are the
 * {@code prune} command's arguments that compute it (the sweep's shared options included, {@code --out} left out):
 * they identify the cell, so a finished cell is reused only when they are the same, and they are all a worker on
 * another machine needs to compute it.
 *
 * @param model          the model's name ({@code nets.Architectures})
 * @param method         the pruning method's command-line name
 * @param sparsity       fraction of weights removed
 * @param seed           seed of initialisation, data and random choices
 * @param pruneArguments the {@code prune} command's arguments for this cell
 */
public record SweepCell(String model, String method, double sparsity, long seed, List<String> pruneArguments)
        implements java.io.Serializable {

    public SweepCell {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        pruneArguments = List.copyOf(pruneArguments);
    }

    /** A file name for the cell: {@code model__method__s<sparsity>__seed<seed>}, safe on every file system. */
    public String id() {
        String raw = model + "__" + method + "__s" + String.format(Locale.ROOT, "%s", sparsity) + "__seed" + seed;
        return raw.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
