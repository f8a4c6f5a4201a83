package org.pruneproof.scaled.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The global keep rule and s_cr against a brute force written from the definitions. */
class ScaledGlobalThresholdTest {

    /** Keeps the k best by (score descending, global position ascending). */
    private static boolean[][] bruteKeep(double[][] scores, long k) {
        List<int[]> all = new ArrayList<>();
        for (int l = 0; l < scores.length; l++) {
            for (int i = 0; i < scores[l].length; i++) {
                all.add(new int[] {l, i});
            }
        }
        all.sort(Comparator.<int[]>comparingDouble(a -> -scores[a[0]][a[1]]));  // stable: positions stay ascending
        boolean[][] keep = new boolean[scores.length][];
        for (int l = 0; l < scores.length; l++) {
            keep[l] = new boolean[scores[l].length];
        }
        for (int j = 0; j < k; j++) {
            keep[all.get(j)[0]][all.get(j)[1]] = true;
        }
        return keep;
    }

    @Test
    void keepsExactlyTheLargestScoresWithTiesToTheLowerPositionAndFindsTheCollapse() {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 300; trial++) {
            int layers = 1 + r.nextInt(4);
            double[][] scores = new double[layers][];
            int total = 0;
            for (int l = 0; l < layers; l++) {
                scores[l] = new double[1 + r.nextInt(6)];
                for (int i = 0; i < scores[l].length; i++) {
                    scores[l][i] = r.nextInt(trial % 2 == 0 ? 4 : 1000);  // many ties in half the trials
                }
                total += scores[l].length;
            }
            double s = r.nextDouble();
            GlobalSelection sel = ScaledGlobalThreshold.select(scores, s);
            long k = Math.round((1 - s) * total);
            assertEquals(k, sel.kept());
            boolean[][] expected = bruteKeep(scores, k);
            for (int l = 0; l < layers; l++) {
                assertArrayEquals(expected[l], sel.keep()[l], "trial " + trial + " layer " + l);
            }
            // s_cr: the smallest number of removals r (keeping M − r) that empties a layer, over M.
            int firstCollapse = -1;
            int collapsedLayer = -1;
            for (int removed = 1; removed <= total && firstCollapse < 0; removed++) {
                boolean[][] keep = bruteKeep(scores, total - removed);
                for (int l = 0; l < layers; l++) {
                    boolean any = false;
                    for (boolean b : keep[l]) {
                        any |= b;
                    }
                    if (!any) {
                        firstCollapse = removed;
                        collapsedLayer = l;
                        break;
                    }
                }
            }
            assertEquals((double) firstCollapse / total, sel.criticalSparsity(), 0, "trial " + trial);
            assertEquals(collapsedLayer, sel.collapsedLayer(), "trial " + trial);
        }
    }

    @Test
    void sparsityZeroKeepsAllAndOneKeepsNone() {
        double[][] scores = {{1, 2}, {3}};
        assertEquals(3, ScaledGlobalThreshold.select(scores, 0).kept());
        assertEquals(0, ScaledGlobalThreshold.select(scores, 1).keptPerLayer()[1]);
    }
}
