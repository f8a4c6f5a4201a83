package org.pruneproof.scaled.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.OneDnnHelpers;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;

/**
 * Same seed, same machine, same thread count → the same bits: the loss and every gradient of a training step
 * (and the logits in inference mode) of whole networks as the jobs build them, with whatever kernels
 * {@link OneDnnHelpers} chooses on this machine (oneDNN where the CPU has AVX2; here with its size threshold at 0, so
 * that every convolution and pooling of these small networks runs oneDNN), twice on one graph and once on a fresh
 * graph from the same seed, at one and two threads. The networks cover every layer kind: ResNet-18 (convolutions, batch
 * norm in training and inference mode, max pooling, residual additions, global pooling, linear, softmax
 * cross-entropy) and MobileNetV2 (depthwise convolutions, ReLU6).
 */
class NetworkGraphRepeatTest {

    private record Step(double loss, Map<String, float[]> arrays) {
    }

    private static Step step(Architecture a, NetworkGraph.Mode mode, NetworkGraph given, int batch) {
        NetworkGraph g = given != null ? given
                : NetworkGraph.build(NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(3)), mode);
        ImageBatch b = new SyntheticImages(a.classes(), a.inputChannels(), a.inputSize(), DataType.FLOAT, 5).next(batch);
        Map<String, float[]> arrays = new TreeMap<>();
        if (mode == NetworkGraph.Mode.INFERENCE) {
            arrays.put("logits", g.logits(b.images()).dup().data().asFloat());
            return new Step(Double.NaN, arrays);
        }
        NetworkGraph.LossAndGradients lg = g.lossAndGradients(b.images(), b.labels(), List.of());
        lg.gradients().forEach((k, v) -> arrays.put(k, v.dup().data().asFloat()));
        return new Step(lg.loss(), arrays);
    }

    private static void sameBits(Architecture a, NetworkGraph.Mode mode, int batch) {
        for (int threads : new int[] {1, 2}) {
            Nd4jDefaults.withThreads(threads, () -> OneDnnHelpers.withMinElements(0, () -> {
                NetworkGraph g = NetworkGraph.build(NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(3)), mode);
                Step first = step(a, mode, g, batch);
                Step again = step(a, mode, g, batch);
                Step fresh = step(a, mode, null, batch);
                String at = a.name() + " " + mode + " at " + threads + " threads: ";
                assertEquals(Double.doubleToRawLongBits(first.loss()), Double.doubleToRawLongBits(again.loss()), at + "loss, same graph");
                assertEquals(Double.doubleToRawLongBits(first.loss()), Double.doubleToRawLongBits(fresh.loss()), at + "loss, fresh graph");
                assertEquals(first.arrays().keySet(), fresh.arrays().keySet());
                for (String k : first.arrays().keySet()) {
                    assertArrayEquals(first.arrays().get(k), again.arrays().get(k), 0f, at + k + " differs between two steps of one graph");
                    assertArrayEquals(first.arrays().get(k), fresh.arrays().get(k), 0f, at + k + " differs on a fresh graph");
                }
                return null;
            }));
        }
    }

    @Test
    void resnetStepsRepeatBitForBit() {
        Architecture a = Architectures.byName("resnet18", 0.125).withInputSize(32);
        sameBits(a, NetworkGraph.Mode.TRAINING, 4);
        sameBits(a, NetworkGraph.Mode.INFERENCE, 4);
    }

    @Test
    void mobileNetStepsRepeatBitForBit() {
        sameBits(Architectures.byName("mobilenetv2", 0.125).withInputSize(32), NetworkGraph.Mode.TRAINING, 4);
    }
}
