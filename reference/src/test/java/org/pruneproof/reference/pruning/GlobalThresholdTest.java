package org.pruneproof.reference.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact global-threshold rule, ties and critical sparsity against brute force. */
class GlobalThresholdTest {

    @Test
    void keepsExactlyRoundedCountWithTiesToLowerPosition() {
        double[][] s = {{1, 3, 2}, {3, 0.5}, {3}};
        Mask m = GlobalThreshold.keepLargest(s, 0.5); // K = round(0.5·6) = 3: the three 3's
        assertArrayEquals(new boolean[] {false, true, false}, m.kept()[0]);
        assertArrayEquals(new boolean[] {true, false}, m.kept()[1]);
        assertArrayEquals(new boolean[] {true}, m.kept()[2]);
        Mask two = GlobalThreshold.keepLargestCount(s, 2); // two of the three tied 3's: lowest positions
        assertArrayEquals(new boolean[] {false, true, false}, two.kept()[0]);
        assertArrayEquals(new boolean[] {true, false}, two.kept()[1]);
        assertArrayEquals(new boolean[] {false}, two.kept()[2]);
        assertEquals(0, GlobalThreshold.keepLargest(s, 1).keptCount());
        assertEquals(6, GlobalThreshold.keepLargest(s, 0).keptCount());
    }

    @Test
    void criticalSparsityMatchesBruteForceRemovalOrder() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int layers = 1 + r.nextInt(4);
            double[][] s = new double[layers][];
            for (int l = 0; l < layers; l++) {
                s[l] = new double[1 + r.nextInt(5)];
                for (int k = 0; k < s[l].length; k++) {
                    s[l][k] = r.nextInt(4); // many ties
                }
            }
            long total = GlobalThreshold.total(s);
            // brute force: the smallest number of removals that empties a layer
            long firstEmpty = -1;
            int layerEmpty = -1;
            for (long removed = 1; removed <= total && firstEmpty < 0; removed++) {
                Mask m = GlobalThreshold.keepLargestCount(s, total - removed);
                for (int l = 0; l < layers; l++) {
                    if (m.collapsed(l)) {
                        firstEmpty = removed;
                        layerEmpty = l;
                        break;
                    }
                }
            }
            CriticalSparsity c = CriticalSparsity.of(s);
            assertEquals((double) firstEmpty / total, c.value(), 0, "trial " + trial);
            assertEquals(layerEmpty, c.collapsingLayer(), "trial " + trial);
            Mask before = GlobalThreshold.keepLargestCount(s, total - firstEmpty + 1);
            for (int l = 0; l < layers; l++) {
                assertFalse(before.collapsed(l));
            }
            assertTrue(GlobalThreshold.keepLargestCount(s, total - firstEmpty).collapsed(c.collapsingLayer()));
        }
    }
}
