package org.pruneproof.scaled.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * Greedy with replacement that reuses Φy and the chosen neurons' columns Φφ_i ({@link ReusedProducts})
 * makes the same selections as the selector with one pass per step and as the definition
 * ({@link ScaledGreedySelectionTest#oracle}), on instances where most steps repeat an earlier choice,
 * and makes at most one pass over Φ per distinct chosen neuron (plus the first step's GEMV; Φy comes with the first
 * chosen neuron's pass; float32 passes also compute speculative columns), not one per step.
 */
class ReusedProductsTest {

    private record Run(int[] selected, double[] loss, long passes) {
    }

    private static Run run(GreedySelector s, int steps) {
        int[] sel = new int[steps];
        double[] loss = new double[steps];
        for (int k = 0; k < steps; k++) {
            sel[k] = s.step();
            loss[k] = s.lastLoss();
        }
        return new Run(sel, loss, s.passesOverFeatures());
    }

    /** Rows rounded to float32, so that the double oracle sees exactly the stored float32 features. */
    private static double[][] roundedToFloat(double[][] phi) {
        double[][] out = new double[phi.length][];
        for (int i = 0; i < phi.length; i++) {
            out[i] = new double[phi[i].length];
            for (int j = 0; j < phi[i].length; j++) {
                out[i][j] = (float) phi[i][j];
            }
        }
        return out;
    }

    private static void checkInstance(double[][] phi, double[] y, int steps, Precision p, String what) {
        Features f = Features.of(phi, p);
        Run reused = run(new GreedySelector(f, y, Replacement.WITH, null), steps);
        Run perStep = run(GreedySelector.onePassPerStep(f, y, Replacement.WITH, null), steps);
        GreedyPath oracle = ScaledGreedySelectionTest.oracle(phi, y, steps, true, null);
        assertArrayEquals(perStep.selected(), reused.selected(), what + ": reused vs one pass per step");
        assertArrayEquals(oracle.selected(), reused.selected(), what + ": reused vs the definition");
        for (int k = 0; k < steps; k++) {
            double err = Math.abs(oracle.loss()[k] - reused.loss()[k]);
            assertTrue(err <= 1e-12 * Math.abs(oracle.loss()[k]) + 1e-300, what + " step " + (k + 1) + ": loss "
                    + reused.loss()[k] + " vs " + oracle.loss()[k]);
        }
        long distinct = Arrays.stream(reused.selected()).distinct().count();
        if (p == Precision.FLOAT64) {
            assertEquals(1 + distinct, reused.passes(), what + ": passes over Φ");
        } else {
            // speculative columns can save passes, never add one
            assertTrue(reused.passes() <= 1 + distinct, what + ": passes over Φ " + reused.passes());
        }
        assertEquals(steps, perStep.passes(), what + ": one pass per step without reuse");
    }

    @Test
    void manyRepeatsGiveTheSameSelectionsAsOnePassPerStepAndTheDefinition() {
        SplittableRandom r = new SplittableRandom(13);
        int repeats = 0;
        int total = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + r.nextInt(14);
            int m = 1 + r.nextInt(24);
            double[][] phi = roundedToFloat(ScaledGreedySelectionTest.gaussian(r, n, m));
            double[] y = ScaledGreedySelectionTest.gaussian(r, m);
            int steps = 50 + r.nextInt(250);
            for (Precision p : Precision.values()) {
                checkInstance(phi, y, steps, p, "trial " + trial + " " + p);
            }
            GreedyPath path = ScaledGreedySelectionTest.oracle(phi, y, steps, true, null);
            repeats += steps - (int) Arrays.stream(path.selected()).distinct().count();
            total += steps;
        }
        assertTrue(repeats > 0.8 * total, "the instances repeat choices: " + repeats + " of " + total + " steps");
    }

    @Test
    void plantedTiesZerosAndAnExactFitGiveTheSameSelections() {
        SplittableRandom r = new SplittableRandom(14);
        double[][] base = roundedToFloat(ScaledGreedySelectionTest.gaussian(r, 4, 6));
        // duplicate rows (exact ties), a zero row, a row that is minus another, and y equal to row 1:
        double[][] phi = {base[0], base[1], base[1].clone(), new double[6], base[2], negate(base[2]), base[3], base[0].clone()};
        for (double[] y : new double[][] {base[1].clone(), new double[6], ScaledGreedySelectionTest.gaussian(r, 6)}) {
            for (Precision p : Precision.values()) {
                checkInstance(phi, y, 120, p, "planted " + p + " y " + Arrays.toString(y));
            }
        }
    }

    /**
     * Near-duplicate float32 neurons (one entry moved by a few ulps): their losses differ by far more than the tie
     * tolerance but by less than the float32-lane products' error bound, so only the direct re-evaluation of every
     * candidate within the rigorous window orders them right. (With the window's product error bound set to zero the
     * reused selector chooses differently from the definition on these instances.)
     */
    @Test
    void nearDuplicateNeuronsWithinTheProductErrorAreOrderedByTheDefinition() {
        SplittableRandom r = new SplittableRandom(17);
        for (int trial = 0; trial < 30; trial++) {
            int m = 8 + r.nextInt(60);
            double[][] base = roundedToFloat(ScaledGreedySelectionTest.gaussian(r, 3, m));
            double[][] phi = new double[9][];
            for (int i = 0; i < 9; i++) {
                phi[i] = base[i % 3].clone();
                if (i >= 3) {
                    int j = r.nextInt(m);
                    float f = (float) phi[i][j];
                    for (int ulp = r.nextInt(4); ulp >= 0; ulp--) {
                        f = i % 2 == 0 ? Math.nextUp(f) : Math.nextDown(f);
                    }
                    phi[i][j] = f;
                }
            }
            double[] y = ScaledGreedySelectionTest.gaussian(r, m);
            Features f = Features.of(phi, Precision.FLOAT32);
            int steps = 150;
            Run reused = run(new GreedySelector(f, y, Replacement.WITH, null), steps);
            GreedyPath oracle = ScaledGreedySelectionTest.oracle(phi, y, steps, true, null);
            assertArrayEquals(oracle.selected(), reused.selected(), "trial " + trial + ": reused vs the definition");
        }
    }

    @Test
    void speculativeColumnsSavePasses() {
        // many neurons of similar quality: most runs choose many distinct ones, often in the order speculated
        SplittableRandom r = new SplittableRandom(18);
        double[][] phi = roundedToFloat(ScaledGreedySelectionTest.gaussian(r, 60, 40));
        double[] y = ScaledGreedySelectionTest.gaussian(r, 40);
        Features f = Features.of(phi, Precision.FLOAT32);
        Run reused = run(new GreedySelector(f, y, Replacement.WITH, null), 400);
        long distinct = Arrays.stream(reused.selected()).distinct().count();
        assertArrayEquals(ScaledGreedySelectionTest.oracle(phi, y, 400, true, null).selected(), reused.selected());
        assertTrue(distinct >= 10, "distinct neurons " + distinct);
        assertTrue(reused.passes() < 1 + distinct, "passes " + reused.passes() + " for " + distinct + " distinct neurons");
    }

    @Test
    void withoutReplacementOrWithRandomCandidatesEveryStepMakesItsOwnPass() {
        SplittableRandom r = new SplittableRandom(15);
        double[][] phi = ScaledGreedySelectionTest.gaussian(r, 10, 5);
        double[] y = ScaledGreedySelectionTest.gaussian(r, 5);
        Features f = Features.of(phi, Precision.FLOAT64);
        // Without replacement: a full pass while at least half the neurons remain (then only the rows left are read).
        assertEquals(5, run(new GreedySelector(f, y, Replacement.WITHOUT, null), 5).passes());
        Run sampled = run(new GreedySelector(f, y, Replacement.WITH, new CandidateSampler(6, new SplittableRandom(1))), 30);
        assertEquals(30, sampled.passes());
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = -v[j];
        }
        return out;
    }
}
