package org.pruneproof.scaled.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The global mask: exact count, ties to the lower position, and s_cr by brute force. */
class GlobalMaskTest {

    @Test
    void keepsTheLargestScoresWithTiesToTheLowerPosition() {
        List<double[]> scores = List.of(new double[] {0.5, 0.2, 0.9}, new double[] {0.5, 0.1});
        GlobalMask m = GlobalMask.of(scores, 0.4);
        assertEquals(3, m.kept()); // round(0.6·5) = 3
        assertArrayEquals(new int[] {1, 0, 1}, m.masks().get(0));
        assertArrayEquals(new int[] {1, 0}, m.masks().get(1)); // 0.5 in layer 1 is at a lower position than in layer 2
        assertEquals(5, m.total());
        // keep order: 0.9(L1), 0.5(L1), 0.5(L2), 0.2(L1), 0.1(L2): layer 2's first place is 2, so it empties at K = 2.
        assertEquals(2, m.collapsedLayer());
        assertEquals(3.0 / 5, m.criticalSparsity(), 1e-15);
    }

    @Test
    void criticalSparsityIsTheFirstSparsityThatEmptiesALayer() {
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 50; trial++) {
            List<double[]> scores = new ArrayList<>();
            int layers = 1 + r.nextInt(4);
            for (int l = 0; l < layers; l++) {
                double[] s = new double[1 + r.nextInt(6)];
                double scale = Math.exp(3 * r.nextGaussian());
                for (int k = 0; k < s.length; k++) {
                    s[k] = r.nextInt(4) == 0 ? 1.0 : scale * r.nextDouble();
                }
                scores.add(s);
            }
            GlobalMask m = GlobalMask.of(scores, 0.3);
            int total = m.total();
            // Brute force: increase the number removed until a layer's mask is all zeros.
            int removedAtCollapse = -1;
            int layer = -1;
            for (int removed = 0; removed <= total && removedAtCollapse < 0; removed++) {
                GlobalMask at = GlobalMask.of(scores, (double) removed / total);
                assertEquals(total - removed, at.kept());
                for (int l = 0; l < layers; l++) {
                    if (java.util.Arrays.stream(at.masks().get(l)).sum() == 0) {
                        removedAtCollapse = removed;
                        layer = l + 1;
                        break;
                    }
                }
            }
            assertEquals((double) removedAtCollapse / total, m.criticalSparsity(), 1e-15, "trial " + trial);
            assertEquals(layer, m.collapsedLayer(), "trial " + trial);
        }
    }
}
