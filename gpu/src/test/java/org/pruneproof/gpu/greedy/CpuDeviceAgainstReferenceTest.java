package org.pruneproof.gpu.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pruneproof.gpu.check.CrossCheckInstances;
import org.pruneproof.gpu.check.GreedyCrossCheck;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.gen.FeatureInstance;

/**
 * The host step on the CPU device against the reference engine ({@code GreedyForwardSelection}) on the
 * first instances of the claim {@code crosscheck.greedy-selection}, in every variant that claim checks.
 */
class CpuDeviceAgainstReferenceTest {

    private static final List<FeatureInstance> INSTANCES = CrossCheckInstances.first(150, CrossCheckInstances.DEFAULT_SEED);

    @Test
    void float64SelectionsAndLossesAreTheReferenceEnginesInEveryVariant() {
        int runs = 0;
        for (int k = 0; k < INSTANCES.size(); k++) {
            FeatureInstance inst = INSTANCES.get(k);
            for (GreedyVariant v : CrossCheckInstances.variants(inst.neurons())) {
                int steps = CrossCheckInstances.steps(inst, v);
                GreedyPath ref = GreedyCrossCheck.reference(inst, v, steps);
                GreedyPath dev;
                try (CpuGreedyDevice d = CpuGreedyDevice.of(inst.phi(), WorkingPrecision.FLOAT64)) {
                    dev = DeviceGreedySelection.run(d, inst.y(), steps, v);
                }
                assertArrayEquals(ref.selected(), dev.selected(), "instance " + k + ", " + v);
                // same stored values, same operations in the same order: the same doubles
                assertArrayEquals(ref.loss(), dev.loss(), 0.0, "instance " + k + ", " + v);
                runs++;
            }
        }
        assertEquals(4 * INSTANCES.size(), runs);
    }

    @Test
    void float32SelectionsAreTheReferenceEnginesExceptAtStatedNearTies() {
        int identical = 0;
        for (int k = 0; k < INSTANCES.size(); k++) {
            FeatureInstance inst = INSTANCES.get(k);
            try (CpuGreedyDevice d = CpuGreedyDevice.of(inst.phi(), WorkingPrecision.FLOAT32)) {
                var a = GreedyCrossCheck.compare(inst, GreedyVariant.WITH_REPLACEMENT, d);
                assertTrue(a.passes(), "instance " + k + ": " + a);
                identical += a.identical() ? 1 : 0;
            }
        }
        assertTrue(identical > INSTANCES.size() / 2, identical + " of " + INSTANCES.size() + " identical in float32");
    }

    @Test
    void aDeviceThatRoundsTheProductsWronglyIsCaught() {
        // Planted bug: a device whose Φr has the wrong sign; the screening then keeps the wrong candidates.
        int caught = 0;
        for (int k = 0; k < 40; k++) {
            FeatureInstance inst = INSTANCES.get(k);
            CpuGreedyDevice good = CpuGreedyDevice.of(inst.phi(), WorkingPrecision.FLOAT64);
            GreedyDevice bad = new FlippedProducts(good);
            var a = GreedyCrossCheck.compare(inst, GreedyVariant.WITH_REPLACEMENT, bad);
            caught += a.passes() ? 0 : 1;
        }
        assertTrue(caught > 10, "the planted bug was caught on " + caught + " of 40 instances");
    }

    @Test
    void withoutReplacementEachNeuronOnceAndNoMoreThanNSteps() {
        FeatureInstance inst = INSTANCES.stream().filter(i -> i.neurons() >= 5).findFirst().orElseThrow();
        int n = inst.neurons();
        CpuGreedyDevice d = CpuGreedyDevice.of(inst.phi(), WorkingPrecision.FLOAT64);
        GreedyPath p = DeviceGreedySelection.run(d, inst.y(), n, GreedyVariant.WITHOUT_REPLACEMENT);
        assertEquals(n, java.util.Arrays.stream(p.selected()).distinct().count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceGreedySelection.run(d, inst.y(), n + 1, GreedyVariant.WITHOUT_REPLACEMENT));
        assertTrue(e.getMessage().contains("at most N = " + n), e.getMessage());
    }

    @Test
    void theUniformBenchmarkMatrixIsInTheHalfOpenUnitInterval() {
        CpuGreedyDevice d = CpuGreedyDevice.uniform(64, 33, WorkingPrecision.FLOAT64, 7);
        double[] row = new double[33];
        double min = 1;
        double max = -1;
        for (int i = 0; i < 64; i++) {
            d.row(i, row);
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(min >= -1 && max < 1 && min < -0.9 && max > 0.9, min + " … " + max);
    }

    /** A device returning −Φr. */
    private record FlippedProducts(GreedyDevice inner) implements GreedyDevice {
        public int neurons() { return inner.neurons(); }
        public int points() { return inner.points(); }
        public WorkingPrecision precision() { return inner.precision(); }
        public double squaredNorm(int i) { return inner.squaredNorm(i); }
        public void setResidual(double[] r) { inner.setResidual(r); }
        public void rowProducts(double[] out) {
            inner.rowProducts(out);
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        }
        public void row(int i, double[] dst) { inner.row(i, dst); }
        public String description() { return "flipped"; }
        public void close() { inner.close(); }
    }
}
