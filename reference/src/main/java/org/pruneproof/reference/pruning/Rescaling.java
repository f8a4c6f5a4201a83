package org.pruneproof.reference.pruning;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.init.Network;

/**
 * The rescaling trick (docs/theory/hayou2021.md, project's normalisation): after pruning, each row i of each layer
 * is multiplied by ρ_i = σ_w/√(Σ_j W_ij²·δ_ij), so that Σ_j (ρ_i·W_ij·δ_ij)² = σ_w² — the pre-pruning
 * expected squared norm of the row. A row with nothing kept (Σ_j W_ij²·δ_ij = 0) cannot be rescaled: it stays zero
 * and is reported as dead.
 */
public final class Rescaling {

    private Rescaling() {
    }

    /**
     * A row without kept weights.
     *
     * @param layer the layer
     * @param row   the row (output neuron)
     */
    public record DeadRow(int layer, int row) {
    }

    /**
     * The rescaled network and the rows that could not be rescaled.
     *
     * @param network  weights ρ ⊙ δ ⊙ W
     * @param factors  ρ_i per layer and row (0 for a dead row)
     * @param deadRows rows with nothing kept
     */
    public record Result(Network network, double[][] factors, List<DeadRow> deadRows) {
    }

    /** W ⊙ δ: the pruned network without rescaling. */
    public static Network apply(Network net, Mask mask) {
        requireMatching(net, mask);
        DMatrixRMaj[] w = net.copyWeights();
        for (int l = 0; l < w.length; l++) {
            boolean[] kept = mask.kept()[l];
            for (int k = 0; k < kept.length; k++) {
                if (!kept[k]) {
                    w[l].data[k] = 0;
                }
            }
        }
        return net.withWeights(w);
    }

    /** ρ ⊙ δ ⊙ W with ρ_i = σ_w/√(Σ_j W_ij²·δ_ij) (σ_w of the network), dead rows reported. */
    public static Result restoreRowNorms(Network net, Mask mask) {
        Network pruned = apply(net, mask);
        DMatrixRMaj[] w = pruned.weights();
        double[][] factors = new double[w.length][];
        List<DeadRow> dead = new ArrayList<>();
        double sigmaW = net.sigmaW();
        for (int l = 0; l < w.length; l++) {
            DMatrixRMaj m = w[l];
            factors[l] = new double[m.numRows];
            for (int i = 0; i < m.numRows; i++) {
                double r = 0;
                for (int j = 0; j < m.numCols; j++) {
                    double v = m.data[i * m.numCols + j];
                    r += v * v;
                }
                if (r == 0) {
                    dead.add(new DeadRow(l, i));
                    continue;
                }
                double rho = sigmaW / Math.sqrt(r);
                factors[l][i] = rho;
                for (int j = 0; j < m.numCols; j++) {
                    m.data[i * m.numCols + j] *= rho;
                }
            }
        }
        return new Result(pruned, factors, List.copyOf(dead));
    }

    static void requireMatching(Network net, Mask mask) {
        if (mask.layers() != net.layers()) {
            throw new IllegalArgumentException("mask has " + mask.layers() + " layers, network " + net.layers());
        }
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = net.weights()[l];
            if (mask.kept()[l].length != w.numRows * w.numCols) {
                throw new IllegalArgumentException("mask of layer " + l + " has " + mask.kept()[l].length
                        + " entries, the layer " + w.numRows * w.numCols + " weights");
            }
        }
    }
}
