package org.pruneproof.reference.pruning;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.DenseTopology;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.Propagation;

/**
 * One-shot pruning at initialisation with a global threshold (docs/theory/hayou2021.md): compute the scores of a
 * {@link Criterion}, keep the round((1 − s)·M) largest ({@link GlobalThreshold}), and for SBP-SR apply the
 * rescaling trick (fully connected) or the Stable-ResNet scaling (ResNets).
 */
public final class PruningAtInitialisation {

    private PruningAtInitialisation() {
    }

    /**
     * A pruned network.
     *
     * @param network    the network to use after pruning: δ ⊙ W, or ρ ⊙ δ ⊙ W for SBP-SR on a fully connected net,
     *                   with the Stable scaling for SBP-SR on a ResNet
     * @param mask       δ
     * @param scores     the scores the mask was taken from
     * @param criterion  the criterion
     * @param sparsity   s
     * @param deadRows   rows the rescaling found empty (SBP-SR on a fully connected net; empty otherwise)
     */
    public record Pruned(Network network, Mask mask, double[][] scores, Criterion criterion, double sparsity,
                         List<Rescaling.DeadRow> deadRows) {
    }

    /**
     * Prunes {@code net} at sparsity s.
     *
     * @param inputs  the batch (d × B) for SBP and SBP-SR; ignored otherwise (may be null)
     * @param labels  its labels; ignored unless SBP
     * @param random  the source of random scores (RANDOM only; may be null otherwise)
     */
    public static Pruned prune(Network net, Criterion criterion, double sparsity, DMatrixRMaj inputs, int[] labels,
                               SplittableRandom random) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(criterion, "criterion");
        Network scored = criterion == Criterion.SENSITIVITY_RESCALED && net.shape().topology() == DenseTopology.RESNET
                ? net.withTopology(DenseTopology.STABLE_RESNET) : net;
        double[][] scores = switch (criterion) {
            case RANDOM -> Scores.random(net, Objects.requireNonNull(random, "random source for random pruning"));
            case MAGNITUDE -> Scores.magnitude(net);
            case SENSITIVITY, SENSITIVITY_RESCALED -> Scores.sensitivity(scored, Propagation.crossEntropyGradients(
                    scored, Objects.requireNonNull(inputs, "inputs for SBP"), Objects.requireNonNull(labels, "labels for SBP")).gradients());
        };
        Mask mask = GlobalThreshold.keepLargest(scores, sparsity);
        if (criterion == Criterion.SENSITIVITY_RESCALED && !scored.shape().topology().residual()) {
            Rescaling.Result r = Rescaling.restoreRowNorms(scored, mask);
            return new Pruned(r.network(), mask, scores, criterion, sparsity, r.deadRows());
        }
        return new Pruned(Rescaling.apply(scored, mask), mask, scores, criterion, sparsity, List.of());
    }
}
