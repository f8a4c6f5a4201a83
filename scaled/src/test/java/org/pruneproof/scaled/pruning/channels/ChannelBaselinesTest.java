package org.pruneproof.scaled.pruning.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.nets.ChannelGroups;
import org.pruneproof.scaled.nets.NetworkWeights;

/** The magnitude, random and uniform-width channel baselines on a small CIFAR ResNet (channels 4/8/16 in its groups). */
class ChannelBaselinesTest {

    private static final Architecture RESNET = Architectures.byName("cifar-resnet8", 0.125).withInputSize(8);

    private static NetworkWeights weights() {
        return NetworkWeights.initialise(RESNET, DataType.DOUBLE, new SplittableRandom(3));
    }

    @Test
    void magnitudeKeepsTheFiltersOfLargestL1NormRescaledByNOverK() {
        NetworkWeights w = weights();
        List<ChannelGroup> groups = ChannelGroups.find(RESNET);
        assertEquals(List.of(4, 8, 16), groups.stream().map(ChannelGroup::channels).toList());
        // make channels 1 and 3 of the first group's producer the largest by hand-set L1 norms
        INDArray producer = w.get(groups.get(0).producer() + ".weight");
        producer.muli(1e-3);
        producer.slice(3).addi(1.0);
        producer.slice(1).subi(0.5);
        NetworkWeights smaller = ChannelBaselines.magnitude(w, new int[] {2, 8, 16});
        assertArrayEquals(new int[] {2, 8, 16}, ChannelBaselines.counts(RESNET, smaller.architecture()));
        INDArray kept = smaller.get(groups.get(0).producer() + ".weight");
        assertEquals(producer.slice(1).sumNumber().doubleValue(), kept.slice(0).sumNumber().doubleValue(), 1e-12);
        assertEquals(producer.slice(3).sumNumber().doubleValue(), kept.slice(1).sumNumber().doubleValue(), 1e-12);
        // the consumer's kept input channels carry the subnetwork average N/k = 4/2
        INDArray consumer = w.get(groups.get(0).consumer() + ".weight");
        INDArray after = smaller.get(groups.get(0).consumer() + ".weight");
        assertEquals(2 * consumer.getDouble(0, 3, 1, 1), after.getDouble(0, 1, 1, 1), 1e-12);
        // a group kept whole is left as it was
        assertEquals(w.get(groups.get(2).producer() + ".weight"), smaller.get(groups.get(2).producer() + ".weight"));
    }

    @Test
    void randomKeepsTheGivenCountsAndDependsOnlyOnItsSeed() {
        NetworkWeights w = weights();
        int[] counts = {1, 3, 5};
        NetworkWeights a = ChannelBaselines.random(w, counts, new SplittableRandom(9));
        NetworkWeights b = ChannelBaselines.random(w, counts, new SplittableRandom(9));
        assertArrayEquals(counts, ChannelBaselines.counts(RESNET, a.architecture()));
        String name = ChannelGroups.find(RESNET).get(2).producer() + ".weight";
        assertEquals(a.get(name), b.get(name));
        boolean differs = false;
        for (int seed = 10; seed < 20 && !differs; seed++) {
            differs = !ChannelBaselines.random(w, counts, new SplittableRandom(seed)).get(name).equals(a.get(name));
        }
        assertTrue(differs, "ten other seeds all drew the same channels");
        assertEquals(ChannelBaselines.macs(RESNET, counts), a.architecture().macs());
    }

    @Test
    void uniformKeepsOneFractionEverywhereWithinTheTargetCost() {
        int[] full = {4, 8, 16};
        assertArrayEquals(full, ChannelBaselines.uniformCounts(RESNET, RESNET.macs()));
        long target = ChannelBaselines.macs(RESNET, new int[] {4, 2, 16});
        int[] u = ChannelBaselines.uniformCounts(RESNET, target);
        assertTrue(ChannelBaselines.macs(RESNET, u) <= target);
        assertEquals((double) u[0] / 4, (double) u[2] / 16, 1.0 / 8, "one fraction, up to rounding");
        // the next fraction up would exceed the target
        int[] next = {Math.max(1, Math.min(4, (int) Math.round((u[2] + 1) / 4.0))),
            Math.max(1, Math.min(8, (int) Math.round((u[2] + 1) / 2.0))), Math.min(16, u[2] + 1)};
        assertTrue(ChannelBaselines.macs(RESNET, next) > target || u[2] == 16);
        assertNotEquals(RESNET.macs(), ChannelBaselines.uniform(weights(), target).architecture().macs());
    }

    @Test
    void rejectsCountsOutsideTheGroups() {
        NetworkWeights w = weights();
        assertThrows(IllegalArgumentException.class, () -> ChannelBaselines.magnitude(w, new int[] {0, 8, 16}));
        assertThrows(IllegalArgumentException.class, () -> ChannelBaselines.magnitude(w, new int[] {4, 9, 16}));
        assertThrows(IllegalArgumentException.class, () -> ChannelBaselines.magnitude(w, new int[] {4, 8}));
    }
}
