package org.pruneproof.scaled.pruning.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.Architecture;
import org.pruneproof.scaled.nets.Architectures;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;

/** Channel groups, physical removal, and both greedy modes on small networks. */
class GreedyChannelPruningTest {

    @Test
    void findsTheInnerChannelsOfEveryBlock() {
        assertEquals(8, ChannelGroups.find(Architectures.byName("resnet18", 1)).size());
        assertEquals(32, ChannelGroups.find(Architectures.byName("resnet50", 1)).size());
        // 17 expanded-channel groups + stem → features.1 + the projections of features.1 and features.17, which feed a conv only
        assertEquals(19, ChannelGroups.find(Architectures.byName("mobilenetv2", 1)).size());
        assertEquals(15, ChannelGroups.find(Architectures.byName("vgg19bn", 1)).size());
        ChannelGroup g = ChannelGroups.find(Architectures.byName("mobilenetv2", 1)).get(2);
        assertEquals("features.2.conv.0.0", g.producer());
        assertEquals("features.2.conv.2", g.consumer());
        assertEquals(java.util.List.of("features.2.conv.0.1", "features.2.conv.1.0", "features.2.conv.1.1"), g.followers());
    }

    @Test
    void removingChannelsEqualsZeroingTheConsumersColumnsAndScalingTheRest() {
        for (String model : new String[] {"cifar-resnet8", "mobilenetv2"}) {
            Architecture a = Architectures.byName(model, 0.25).withInputSize(8);
            NetworkWeights w = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(1));
            ChannelGroup g = ChannelGroups.find(a).get(1);
            int[] kept = {0, 2, 3};
            double[] scale = {1.5, 0.5, 2.0};
            NetworkWeights smaller = ChannelSurgery.keep(w, g, kept, scale);
            assertTrue(smaller.architecture().trainableParameterCount() < a.trainableParameterCount());
            assertEquals(3, smaller.get(g.consumer() + ".weight").size(1));
            double[] m = new double[g.channels()];
            for (int i = 0; i < kept.length; i++) {
                m[kept[i]] = scale[i];
            }
            NetworkWeights masked = w.copy();
            masked.get(g.consumer() + ".weight").muli(Nd4j.create(m, new long[] {1, g.channels(), 1, 1}, DataType.DOUBLE));
            INDArray x = new SyntheticImages(10, 3, 8, DataType.DOUBLE, 2).next(3).images();
            INDArray expected = NetworkGraph.build(masked, NetworkGraph.Mode.TRAINING).logits(x);
            INDArray got = NetworkGraph.build(smaller, NetworkGraph.Mode.TRAINING).logits(x);
            double diff = expected.sub(got).amax().getDouble(0);
            // summation order changes with the channel count; batch norm on tiny maps amplifies rounding
            assertTrue(diff < 1e-7, model + ": max difference " + diff);
        }
    }

    @Test
    void bothModesShrinkTheNetworkAndKeepItRunnable() {
        Architecture a = Architectures.byName("cifar-resnet8", 0.25).withInputSize(8);
        NetworkWeights w = NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(3));
        for (GreedyChannelPruning.Mode mode : GreedyChannelPruning.Mode.values()) {
            GreedyChannelPruning.Options o = new GreedyChannelPruning.Options(mode, 0.0, 0.5, 4, 16, 3, false, 5);
            GreedyChannelPruning.Result r = GreedyChannelPruning.prune(w, new SyntheticImages(10, 3, 8, DataType.FLOAT, 4), o);
            assertEquals(3, r.groups().size());
            for (GreedyChannelPruning.GroupResult g : r.groups()) {
                int n = g.kept().length;
                if (mode == GreedyChannelPruning.Mode.FAST) {
                    assertEquals(g.channels() / 2, n, "tolerance 0: runs to the cap of half the channels");
                }
                assertTrue(n >= 1 && n <= g.channels() / 2);
                for (double s : g.scale()) {
                    assertEquals((double) g.channels() / n, s, 1e-15, "N/n");
                }
            }
            assertTrue(r.pruned().architecture().macs() < a.macs());
            INDArray logits = NetworkGraph.build(r.pruned(), NetworkGraph.Mode.TRAINING)
                    .logits(new SyntheticImages(10, 3, 8, DataType.FLOAT, 6).next(2).images());
            assertArrayEquals(new long[] {2, 10}, logits.shape());
        }
    }

    @Test
    void lossModeDrawsRandomCandidatesNotTheLowestIndices() {
        boolean[] used = new boolean[50];
        int[] c = GreedyChannelPruning.candidates(used, 5, new SplittableRandom(1));
        assertEquals(5, c.length);
        assertTrue(java.util.Arrays.stream(c).anyMatch(i -> i >= 5), "a random set, not channels 0..4: " + java.util.Arrays.toString(c));
    }
}
