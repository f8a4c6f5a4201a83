package org.pruneproof.reference.pruning;

import java.util.Objects;

/**
 * A pruning mask δ over all layers: {@code kept[l][k]} for weight k (row-major) of layer l. Positions are
 * ordered layer by layer, then row-major, which is the order used to break ties.
 *
 * @param kept per layer, whether each weight is kept
 */
public record Mask(boolean[][] kept) {

    public Mask {
        Objects.requireNonNull(kept, "kept");
    }

    /** The number of layers. */
    public int layers() {
        return kept.length;
    }

    /** M = Σ_l M_l. */
    public long size() {
        long m = 0;
        for (boolean[] k : kept) {
            m += k.length;
        }
        return m;
    }

    /** The number of kept weights of layer l. */
    public int keptInLayer(int l) {
        int c = 0;
        for (boolean b : kept[l]) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /** The number of kept weights over all layers. */
    public long keptCount() {
        long c = 0;
        for (int l = 0; l < kept.length; l++) {
            c += keptInLayer(l);
        }
        return c;
    }

    /** Whether layer l lost every weight (layer collapse). */
    public boolean collapsed(int l) {
        return keptInLayer(l) == 0;
    }

    /** Whether weight (i, j) of layer l with {@code cols} columns is kept. */
    public boolean isKept(int l, int i, int j, int cols) {
        return kept[l][i * cols + j];
    }
}
