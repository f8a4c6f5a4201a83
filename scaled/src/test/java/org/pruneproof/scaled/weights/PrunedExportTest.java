package org.pruneproof.scaled.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.scaled.pruning.channels.GreedyChannelPruning;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * A pruned network exported ({@link WeightExport}) and imported again ({@link TrainedWeights}) is the same network:
 * the same architecture (physically smaller tensors after channel pruning), the same tensors, bit-identical logits.
 */
class PrunedExportTest {

    @TempDir
    Path dir;

    private static TrainedWeights trained() {
        return TrainedWeights.load(TrainedWeightsTestFixtures.path("cifar-resnet8-w0.25-c10"), "cifar-resnet8", 0.25, null,
                DataType.FLOAT);
    }

    private static float[] logits(NetworkWeights w) {
        INDArray images = Nd4j.createFromNpyFile(TrainedWeightsTestFixtures.path("images-32.npy").toFile()).castTo(DataType.FLOAT);
        return NetworkGraph.build(w, NetworkGraph.Mode.INFERENCE).logits(images).data().asFloat();
    }

    @Test
    void aChannelPrunedNetworkReloadsWithItsSmallerTensorsAndIdenticalLogits() {
        TrainedWeights t = trained();
        GreedyChannelPruning.Options o = new GreedyChannelPruning.Options(GreedyChannelPruning.Mode.FAST,
                GreedyChannelPruning.Stop.LOSS, 0, 0, 0.5, 4, 4, 64, 4, 1, false, 3);
        NetworkWeights pruned = GreedyChannelPruning.prune(t.weights(), new SyntheticImages(10, 3, 32, DataType.FLOAT, 3), o).pruned();
        long[] before = t.weights().get("layer1.0.conv1.weight").shape();
        long[] after = pruned.get("layer1.0.conv1.weight").shape();
        assertTrue(after[0] < before[0], "physically fewer output channels: " + after[0] + " < " + before[0]);
        WeightExport.write(dir.resolve("e"), pruned, 0.25, false);
        TrainedWeights back = TrainedWeights.load(dir.resolve("e"), "cifar-resnet8", 1, null, DataType.FLOAT);
        assertEquals(pruned.architecture(), back.architecture());
        assertFalse(back.zerosFixed());
        assertEquals(0.25, back.widthMultiplier());
        for (String k : pruned.arrays().keySet()) {
            assertArrayEquals(pruned.get(k).data().asFloat(), back.weights().get(k).data().asFloat(), k);
        }
        assertArrayEquals(logits(pruned), logits(back.weights()));
    }

    @Test
    void anUnstructuredPrunedNetworkReloadsMaskedWithZerosFixed() {
        TrainedWeights t = trained();
        NetworkWeights w = t.weights();
        InitPruning.prune(w, PruningMethod.parse("magnitude"), 0.7, null, 1);
        WeightExport.write(dir.resolve("m"), w, 0.25, true);
        TrainedWeights back = TrainedWeights.load(dir.resolve("m"), null, 1, null, DataType.FLOAT);
        assertTrue(back.zerosFixed());
        assertEquals(w.architecture(), back.architecture());
        float[] v = back.weights().get("layer2.0.conv2.weight").data().asFloat();
        long zeros = 0;
        for (float x : v) {
            zeros += x == 0 ? 1 : 0;
        }
        assertTrue(zeros > v.length / 4, "masked weights stay zero in the export: " + zeros + " of " + v.length);
        assertArrayEquals(logits(w), logits(back.weights()));
    }
}
