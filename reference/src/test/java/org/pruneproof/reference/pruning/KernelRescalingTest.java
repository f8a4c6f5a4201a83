package org.pruneproof.reference.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelRescalingTest {

    // Shape [1, 2, 1, 2]: index (j, b) = 2j + b. Offset b = 0 holds (3, 4), offset b = 1 holds (1, 2).
    private static final double[] W = {3, 1, 4, 2};

    @Test
    void eachKernelOffsetIsRestoredToSigmaW2OverTheKernelSize() {
        // σ_w² = 2, k_h·k_w = 2: target 1 per group. b = 0: √(9 + 16) = 5, ρ = 1/5. b = 1: only 1 kept, ρ = 1.
        KernelRescaling.Result r = KernelRescaling.restoreKernelNorms(W, new boolean[] {true, true, true, false}, 1, 2, 1, 2, 2);
        assertArrayEquals(new double[] {0.6, 1, 0.8, 0}, r.weights(), 1e-15);
        assertArrayEquals(new double[] {0.2, 1}, r.factors(), 1e-15);
        assertArrayEquals(new int[0], r.deadGroups());
    }

    @Test
    void aGroupWithNothingKeptIsDeadAndStaysZero() {
        KernelRescaling.Result r = KernelRescaling.restoreKernelNorms(W, new boolean[] {true, false, true, false}, 1, 2, 1, 2, 2);
        assertArrayEquals(new double[] {0.6, 0, 0.8, 0}, r.weights(), 1e-15);
        assertArrayEquals(new int[] {1}, r.deadGroups());
    }

    @Test
    void aOneByOneKernelIsTheRowRescaling() {
        // [2, 2, 1, 1]: rows (3, 4) and (0, 2); σ_w² = 4 → row norms² 4: ρ = 2/5 and 1.
        KernelRescaling.Result r = KernelRescaling.restoreKernelNorms(new double[] {3, 4, 0, 2}, new boolean[] {true, true, true, true},
                2, 2, 1, 1, 4);
        assertArrayEquals(new double[] {1.2, 1.6, 0, 2}, r.weights(), 1e-15);
    }

    @Test
    void aShapeThatDoesNotMatchTheWeightsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRescaling.restoreKernelNorms(W, new boolean[4], 1, 2, 2, 2, 2));
        assertTrue(e.getMessage().contains("[1, 2, 2, 2] has 8 weights"), e.getMessage());
    }
}
