package org.pruneproof.verification.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.pruneproof.verification.api.Gen;

/** The training-run generator stays within its sizes and covers every regime and edge case it promises. */
class TrainingRunInstancesTest {

    @Test
    void threeHundredInstancesStayWithinTheSizesAndCoverEveryRegime() {
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < 300; k++) {
            TrainingRunInstance v = TrainingRunInstances.random().generate(new SplittableRandom(k), k * Gen.MAX_SIZE / 300);
            assertTrue(v.neurons() <= TrainingRunInstances.MAX_NEURONS && v.points() <= TrainingRunInstances.MAX_POINTS
                    && v.dimension() <= TrainingRunInstances.MAX_DIMENSION && v.iterations() <= TrainingRunInstances.MAX_ITERATIONS,
                    v.describe());
            seen.merge(v.scaling(), 1, Integer::sum);
            seen.merge(v.trainOutputLayer() ? "trained" : "fixed", 1, Integer::sum);
            seen.merge(v.batchSize() == 0 ? "full" : v.batchSize() == v.points() ? "B = m" : "SGD", 1, Integer::sum);
            seen.merge(v.stepSize() > 1e100 ? "overflow" : "moderate", 1, Integer::sum);
            seen.merge(v.iterations() == 0 ? "T = 0" : "T > 0", 1, Integer::sum);
            double[] initialOutput = v.network().output(new DMatrixRMaj(v.inputColumns()));
            seen.merge(Arrays.equals(initialOutput, v.y()) ? "S(0) = 0" : "S(0) > 0", 1, Integer::sum);
            if (Arrays.stream(v.w()).anyMatch(row -> Arrays.stream(row).allMatch(e -> e == 0))) {
                seen.merge("zero neuron", 1, Integer::sum);
            }
            if (Arrays.stream(v.x()).anyMatch(row -> Arrays.stream(row).allMatch(e -> e == 0))) {
                seen.merge("zero input", 1, Integer::sum);
            }
            assertTrue(!(v.stepSize() > 1e100) || Arrays.stream(v.y()).allMatch(e -> Math.abs(e) == 1),
                    "the overflow step only with ±1 targets: " + v.describe());
        }
        for (String regime : List.of("mean-field", "ntk", "trained", "fixed", "full", "SGD", "B = m", "overflow", "T = 0",
                "S(0) = 0", "zero neuron", "zero input")) {
            assertTrue(seen.getOrDefault(regime, 0) >= 3, regime + " in at least 3 of 300: " + seen);
        }
        assertEquals(300, seen.get("mean-field") + seen.get("ntk"));
    }
}
