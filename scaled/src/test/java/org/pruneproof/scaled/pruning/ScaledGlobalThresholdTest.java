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

    @Test
    void largeInputsWithManyTiesSelectAsAFullSortWould() {
        // beyond the sizes the brute force above can afford: the threshold a full sort gives, every layer's kept
        // count, and r_l = #{v < max_l} + #{v = max_l after its first position} + 1, counted here directly
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 12; trial++) {
            int layers = 1 + r.nextInt(6);
            double[][] scores = new double[layers][];
            int total = 0;
            for (int l = 0; l < layers; l++) {
                scores[l] = new double[1 + r.nextInt(20_000)];
                for (int i = 0; i < scores[l].length; i++) {
                    // thirds: few distinct values, sorted runs (bad for naive pivots), continuous values
                    scores[l][i] = switch (trial % 3) {
                        case 0 -> r.nextInt(5);
                        case 1 -> i + l;
                        default -> r.nextDouble();
                    };
                }
                total += scores[l].length;
            }
            double[] sorted = new double[total];
            int off = 0;
            for (double[] s : scores) {
                System.arraycopy(s, 0, sorted, off, s.length);
                off += s.length;
            }
            java.util.Arrays.sort(sorted);
            double s = r.nextDouble();
            long k = Math.round((1 - s) * total);
            GlobalSelection sel = ScaledGlobalThreshold.select(scores, s);
            assertEquals(k, sel.kept());
            if (k > 0) {
                double threshold = sorted[(int) (total - k)];
                long above = java.util.Arrays.stream(sorted).filter(v -> v > threshold).count();
                long ties = k - above;
                for (int l = 0; l < layers; l++) {
                    long expected = 0;
                    for (double v : scores[l]) {
                        if (v > threshold || (v == threshold && ties-- > 0)) {
                            expected++;
                        }
                    }
                    assertEquals(expected, sel.keptPerLayer()[l], "trial " + trial + " layer " + l);
                }
            }
            long position = 0;
            for (int l = 0; l < layers; l++) {
                double max = java.util.Arrays.stream(scores[l]).max().orElseThrow();
                long first = position;
                for (int i = 0; scores[l][i] != max; i++) {
                    first++;
                }
                long rank = 1;
                long pos = 0;
                for (double[] row : scores) {
                    for (double v : row) {
                        if (v < max || (v == max && pos > first)) {
                            rank++;
                        }
                        pos++;
                    }
                }
                assertEquals(rank, sel.collapseRanks()[l], "trial " + trial + " layer " + l);
                position += scores[l].length;
            }
        }
    }

    @Test
    void rankIsTheEntryASortWouldPutThere() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] a = new double[1 + r.nextInt(5000)];
            for (int i = 0; i < a.length; i++) {
                a[i] = trial % 2 == 0 ? r.nextInt(3) : r.nextGaussian();
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int k = r.nextInt(a.length);
            assertEquals(sorted[k], ScaledGlobalThreshold.rank(a.clone(), k), "trial " + trial);
        }
    }
}
