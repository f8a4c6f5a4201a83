package org.pruneproof.reference.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.reference.init.GaussianMatrices;
import org.pruneproof.reference.init.Network;
import org.pruneproof.reference.init.NetworkShape;
import org.pruneproof.theory.activation.Activations;

/** SBP-SR on a fully connected net: row norms restored to σ_w², dead rows reported, exact kept count. */
class RescalingTest {

    @Test
    void sbpRescaledRowsHaveSquaredNormSigmaW2AndDeadRowsAreReported() {
        SplittableRandom r = new SplittableRandom(2);
        Network net = Network.initialise(NetworkShape.fullyConnected(8, 10, 4, 3), Activations.TANH, 0.2, 1.3041, r);
        DMatrixRMaj x = GaussianMatrices.of(r, 8, 6, 1);
        int[] labels = {0, 1, 2, 0, 1, 2};
        PruningAtInitialisation.Pruned p = PruningAtInitialisation.prune(net, Criterion.SENSITIVITY_RESCALED, 0.9, x, labels, null);
        assertEquals(GlobalThreshold.keptCount(net.shape().weightCount(), 0.9), p.mask().keptCount());
        int deadSeen = 0;
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj w = p.network().weights()[l];
            for (int i = 0; i < w.numRows; i++) {
                double n2 = 0;
                int kept = 0;
                for (int j = 0; j < w.numCols; j++) {
                    n2 += w.get(i, j) * w.get(i, j);
                    kept += p.mask().isKept(l, i, j, w.numCols) ? 1 : 0;
                }
                if (kept == 0) {
                    deadSeen++;
                    assertTrue(p.deadRows().contains(new Rescaling.DeadRow(l, i)));
                    assertEquals(0, n2);
                } else {
                    assertEquals(1.3041 * 1.3041, n2, 1e-12 * 1.3041 * 1.3041);
                }
            }
        }
        assertEquals(deadSeen, p.deadRows().size());
        assertTrue(deadSeen > 0, "at 90% sparsity on width 10 some rows die");
    }
}
