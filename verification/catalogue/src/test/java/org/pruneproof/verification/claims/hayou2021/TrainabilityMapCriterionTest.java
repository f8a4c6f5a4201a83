package org.pruneproof.verification.claims.hayou2021;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pruneproof.verification.api.Outcome;

/**
 * The trainability map's criterion, on hand-made maps (no data needed): each of its three verdicts is reachable, so the
 * experiment can come out "not reproduced" as well as "reproduced".
 */
class TrainabilityMapCriterionTest {

    /** Two depths × two sparsities, 3 seeds; methods SNIP, SBP-SR, random. */
    private static final TrainabilityMapFashionMnist.Experiment E = new TrainabilityMapFashionMnist.Experiment(1, "test",
            new int[] {10, 30}, new double[] {0.5, 0.95}, 3, 10, true, false);

    /** acc[m][d][s][seed]: value {@code v[m][d][s]} for every seed. */
    private static double[][][][] map(double[][][] v) {
        double[][][][] acc = new double[3][2][2][3];
        for (int m = 0; m < 3; m++) {
            for (int d = 0; d < 2; d++) {
                for (int s = 0; s < 2; s++) {
                    java.util.Arrays.fill(acc[m][d][s], v[m][d][s]);
                }
            }
        }
        return acc;
    }

    private static final double[][] EVERYWHERE = {{0.8, 0.8}, {0.8, 0.8}};
    private static final double[][] NOWHERE = {{0.1, 0.1}, {0.1, 0.1}};

    @Test
    void sbpSrTrainingWhereSnipCollapsesInTheDeepSparseCornerIsReproduced() {
        double[][] snip = {{0.8, 0.8}, {0.8, 0.1}};
        Outcome o = TrainabilityMapFashionMnist.judge(E, map(new double[][][] {snip, EVERYWHERE, NOWHERE}));
        // only 3 discordant pairs (the corner's 3 seeds): p = 1/8 is not significant, so inconclusive
        assertInstanceOf(Outcome.Discarded.class, o);
        double[][] snipWorse = {{0.8, 0.1}, {0.1, 0.1}};
        Outcome.Checked c = assertInstanceOf(Outcome.Checked.class,
                TrainabilityMapFashionMnist.judge(E, map(new double[][][] {snipWorse, EVERYWHERE, NOWHERE})));
        assertTrue(c.holds(), c.message());
    }

    @Test
    void snipTrainingAsOftenAsSbpSrIsNotReproduced() {
        double[][] half = {{0.8, 0.1}, {0.8, 0.1}};
        double[][] otherHalf = {{0.1, 0.8}, {0.1, 0.8}};
        Outcome.Checked c = assertInstanceOf(Outcome.Checked.class,
                TrainabilityMapFashionMnist.judge(E, map(new double[][][] {half, otherHalf, NOWHERE})));
        assertFalse(c.holds(), c.message());
    }

    @Test
    void anAdvantageOnlyAwayFromTheDeepSparseCornerIsNotReproduced() {
        double[][] snip = {{0.1, 0.1}, {0.1, 0.8}};
        double[][] sr = {{0.8, 0.8}, {0.8, 0.8}};
        Outcome.Checked c = assertInstanceOf(Outcome.Checked.class,
                TrainabilityMapFashionMnist.judge(E, map(new double[][][] {snip, sr, NOWHERE})));
        assertFalse(c.holds(), c.message());
    }

    @Test
    void aMapWhereBothAlwaysTrainIsInconclusive() {
        assertInstanceOf(Outcome.Discarded.class,
                TrainabilityMapFashionMnist.judge(E, map(new double[][][] {EVERYWHERE, EVERYWHERE, NOWHERE})));
    }
}
