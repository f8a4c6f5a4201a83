package org.pruneproof.verification.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.pruning.PruningMethod;
import org.pruneproof.verification.plantedbugs.ScaledDensePruner;

/** The trainability map's ordered-phase arm is one more arm: it leaves the other arms' numbers exactly as they were. */
class TrainabilityMapOrderedArmTest {

    private static TrainabilityMap.Setting tiny(double ordered) {
        return new TrainabilityMap.Setting(new int[] {3}, new double[] {0.5}, 1, 20, 200, 100, 2, 2, 0.2, 1.30415, 5, 50, 0.1,
                ordered);
    }

    @Test
    void theOrderedArmIsAppendedAndTheEdgeOfChaosArmsAreUnchanged() {
        FashionMnist.Loaded data = FashionMnist.load();
        assumeTrue(data.images() != null, "Fashion-MNIST is not installed: " + data.problem());
        List<PruningMethod> methods = List.of(PruningMethod.SNIP, PruningMethod.SBP_SR);
        double[][][][] without = TrainabilityMap.run(data.images(), new SplittableRandom(5), tiny(Double.NaN), methods,
                ScaledDensePruner.SCALED).accuracy();
        double[][][][] with = TrainabilityMap.run(data.images(), new SplittableRandom(5), tiny(0.6), methods,
                ScaledDensePruner.SCALED).accuracy();
        assertEquals(2, without.length);
        assertEquals(3, with.length);
        for (int m = 0; m < 2; m++) {
            assertArrayEquals(without[m][0][0], with[m][0][0], 0.0, "arm " + m);
        }
        double ordered = with[2][0][0][0];
        assertTrue(ordered >= 0 && ordered <= 1, "held-out accuracy of the ordered arm: " + ordered);
    }
}
