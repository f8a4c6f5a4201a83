package org.pruneproof.reference.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.theory.twolayer.Scaling;

/** Random subsets, largest-|b| subsets, backward elimination and the brute-force best multiset. */
class BaselinesTest {

    @Test
    void randomOrderIsASeededPermutationWithTrueLosses() {
        SplittableRandom r = new SplittableRandom(1);
        DMatrixRMaj phi = Fixtures.gaussian(r, 15, 3);
        double[] y = Fixtures.gaussian(r, 3);
        GreedyPath p = SubsetBaselines.randomOrder(phi, y, 15, new SplittableRandom(7));
        assertEquals(p, SubsetBaselines.randomOrder(phi, y, 15, new SplittableRandom(7)));
        int[] sorted = p.selected();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 15).toArray(), sorted);
        for (int n = 1; n <= 15; n++) {
            assertEquals(Fixtures.lossOfMean(phi, Arrays.copyOf(p.selected(), n), y), p.lossAt(n), 1e-13);
        }
    }

    @Test
    void largestOutputWeightTakesNeuronsByDecreasingMagnitudeLowestIndexOnTies() {
        DMatrixRMaj phi = new DMatrixRMaj(new double[][] {{1}, {2}, {3}, {4}});
        GreedyPath p = SubsetBaselines.largestOutputWeight(phi, new double[] {0.5, -3, 3, 1}, new double[] {0}, 4);
        assertArrayEquals(new int[] {1, 2, 3, 0}, p.selected());
        assertArrayEquals(new double[] {4, 6.25, 3 * 3, 2.5 * 2.5}, p.loss(), 1e-15);
    }

    @Test
    void largestOutputWeightOfANetworkUsesItsOutputLayer() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1}, {1}, {1}});
        TwoLayerNetwork net = new TwoLayerNetwork(a, new double[] {1, -5, 2}, Activations.RELU, Scaling.MEAN_FIELD);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}});
        GreedyPath p = SubsetBaselines.largestOutputWeight(net, x, new double[2], 2);
        assertArrayEquals(new int[] {1, 2}, p.selected());
        assertThrows(IllegalArgumentException.class, () -> SubsetBaselines.largestOutputWeight(net, x, new double[2], 4));
    }

    @Test
    void backwardEliminationOnAHandExample() {
        // rows 0, 1, 10 and y = 0.5: remove 10 (mean 0.5, loss 0), then 0 and 1 tie: remove 0 (lowest index)
        DMatrixRMaj phi = new DMatrixRMaj(new double[][] {{0}, {1}, {10}});
        GreedyPath p = BackwardElimination.run(phi, new double[] {0.5});
        assertArrayEquals(new int[] {1, 0, 2}, p.selected());
        double dense = 11.0 / 3 - 0.5;
        assertArrayEquals(new double[] {0.25, 0, dense * dense}, p.loss(), 1e-14);
    }

    @Test
    void eachBackwardStepRemovesTheBestNeuron() {
        SplittableRandom r = new SplittableRandom(2);
        DMatrixRMaj phi = Fixtures.gaussian(r, 10, 4);
        double[] y = Fixtures.gaussian(r, 4);
        GreedyPath p = BackwardElimination.run(phi, y);
        for (int n = 1; n <= 10; n++) {
            int[] set = Arrays.copyOf(p.selected(), n);
            assertEquals(Fixtures.lossOfMean(phi, set, y), p.lossAt(n), 1e-13, "size " + n);
            if (n < 10) {
                int[] parent = Arrays.copyOf(p.selected(), n + 1);
                for (int drop = 0; drop <= n; drop++) {
                    int[] alt = new int[n];
                    for (int k = 0, o = 0; k <= n; k++) {
                        if (k != drop) {
                            alt[o++] = parent[k];
                        }
                    }
                    assertTrue(p.lossAt(n) <= Fixtures.lossOfMean(phi, alt, y) * (1 + 1e-12) + 1e-15);
                }
            }
        }
    }

    @Test
    void bestMultisetOnAHandExample() {
        // averages of 3 draws from {0, 1}: 0, 1/3, 2/3, 1; closest to 0.3 is 1/3 = two 0s and one 1
        BestMultiset b = BestMultiset.of(new DMatrixRMaj(new double[][] {{0}, {1}}), new double[] {0.3}, 3);
        assertArrayEquals(new int[] {2, 1}, b.counts());
        assertEquals((1.0 / 3 - 0.3) * (1.0 / 3 - 0.3), b.loss(), 1e-15);
        assertEquals(10, BestMultiset.numberOfMultisets(3, 3));
        assertEquals(1, BestMultiset.numberOfMultisets(1, 9));
    }

    @Test
    void bestMultisetIsNeverWorseThanGreedyAndMatchesItAtTheFirstStep() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            DMatrixRMaj phi = Fixtures.gaussian(r, 5, 3);
            double[] y = Fixtures.gaussian(r, 3);
            GreedyPath g = GreedyForwardSelection.withReplacement(phi, y, 4);
            assertEquals(g.lossAt(1), BestMultiset.of(phi, y, 1).loss(), 1e-15);
            for (int n = 2; n <= 4; n++) {
                BestMultiset b = BestMultiset.of(phi, y, n);
                assertEquals(n, Arrays.stream(b.counts()).sum());
                assertTrue(b.loss() <= g.lossAt(n) * (1 + 1e-12));
            }
        }
    }

    @Test
    void bestMultisetRefusesHugeSearches() {
        assertThrows(IllegalArgumentException.class,
                () -> BestMultiset.of(new DMatrixRMaj(60, 1), new double[1], 10));
    }
}
