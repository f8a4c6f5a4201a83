package org.pruneproof.scaled.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.data.GrayscaleImages;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.LabelledSet;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.weights.TrainedWeights;

/**
 * The training loop against PyTorch (two SGD steps with momentum and weight decay, batch norm in training mode, made
 * by {@code tools/make_weight_fixtures.py}), the SGD rule against hand-computed values, resume against an
 * uninterrupted run (bit-identical), and fixed masks.
 */
class TrainingTest {

    @TempDir
    Path dir;

    /** A fixed set of images in memory. */
    private record ArraySet(INDArray images, int[] labels, int classes) implements LabelledSet {
        public int imageCount() {
            return labels.length;
        }

        public int imageSize() {
            return (int) images.size(2);
        }

        public ImageBatch batch(int[] indices) {
            INDArray b = Nd4j.create(images.dataType(), indices.length, images.size(1), images.size(2), images.size(3));
            int[] l = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                b.putSlice(k, images.slice(indices[k]));
                l[k] = labels[indices[k]];
            }
            return new ImageBatch(b, l);
        }
    }

    private static Path fixture(String name) {
        return org.pruneproof.scaled.weights.TrainedWeightsTestFixtures.path(name);
    }

    @Test
    void twoStepsMatchPyTorchsSgdWithMomentumWeightDecayAndRunningStatistics() {
        TrainedWeights w = TrainedWeights.load(fixture("cifar-resnet8-w0.25-c10"), "cifar-resnet8", 0.25, null, DataType.FLOAT);
        INDArray images = Nd4j.createFromNpyFile(fixture("images-32.npy").toFile()).castTo(DataType.FLOAT);
        LabelledSet set = new ArraySet(images, new int[] {1, 3, 5, 7}, 10);
        Training.run(w.weights(), set, null, new Training.Options(2, 4, 0.1, 0.9, 5e-4, Schedule.CONSTANT, 1, false, 4, 2),
                false, null, false, "test", null);
        TrainedWeights after = TrainedWeights.load(fixture("cifar-resnet8-w0.25-c10-after-2-sgd-steps"), "cifar-resnet8", 0.25, null,
                DataType.FLOAT);
        for (Map.Entry<String, INDArray> e : after.weights().arrays().entrySet()) {
            double[] expected = e.getValue().castTo(DataType.DOUBLE).data().asDouble();
            double[] actual = w.weights().get(e.getKey()).castTo(DataType.DOUBLE).data().asDouble();
            double scale = 0;
            for (double x : expected) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 2e-4 * scale, e.getKey() + "[" + k + "]");
            }
        }
    }

    @Test
    void sgdIsPyTorchsRule() {
        // w = 1, g = 0.5, μ = 0.9, λ = 0.1, η = 0.1: g' = 0.6, v = 0.6, w = 0.94; then g' = 0.594, v = 1.134, w = 0.8266
        Sgd sgd = new Sgd(0.9, 0.1);
        INDArray w = Nd4j.create(new double[] {1}, new long[] {1}, DataType.DOUBLE);
        sgd.step("w", w, Nd4j.create(new double[] {0.5}, new long[] {1}, DataType.DOUBLE), 0.1, null);
        assertEquals(0.94, w.getDouble(0), 1e-15);
        sgd.step("w", w, Nd4j.create(new double[] {0.5}, new long[] {1}, DataType.DOUBLE), 0.1, null);
        assertEquals(0.8266, w.getDouble(0), 1e-15);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.1, Schedule.COSINE.rate(0.1, 0, 10), 1e-15);
        assertEquals(0.05, Schedule.COSINE.rate(0.1, 5, 10), 1e-15);
        assertEquals(0.1, Schedule.STEP.rate(0.1, 4, 10), 1e-15);
        assertEquals(0.01, Schedule.STEP.rate(0.1, 5, 10), 1e-15);
        assertEquals(0.001, Schedule.STEP.rate(0.1, 7, 10), 1e-15);
        assertEquals(0.1, Schedule.CONSTANT.rate(0.1, 9, 10), 0);
    }

    private static GrayscaleImages randomImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] px = new byte[n][28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < px[i].length; k++) {
                px[i][k] = (byte) r.nextInt(256);
            }
            labels[i] = r.nextInt(10);
        }
        return new GrayscaleImages(px, labels, 28, 28, 10, 3, 32, DataType.FLOAT, 0);
    }

    private static NetworkWeights fresh(long seed) {
        Architecture a = Architectures.byName("cifar-resnet8", 0.25);
        return NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(seed));
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() {
        GrayscaleImages train = randomImages(12, 3);
        GrayscaleImages held = randomImages(8, 4);
        Training.Options all = new Training.Options(2, 8, 0.05, 0.9, 5e-4, Schedule.COSINE, 11, true, 8, 2);
        NetworkWeights a = fresh(1);
        Training.Result ra = Training.run(a, train, held, all, false, dir.resolve("a.safetensors"), false, "m", null);
        assertTrue(ra.complete());

        NetworkWeights b = fresh(1);
        Training.Options first = new Training.Options(2, 8, 0.05, 0.9, 5e-4, Schedule.COSINE, 11, true, 8, 1);
        Training.Result stopped = Training.run(b, train, held, first, false, dir.resolve("b.safetensors"), false, "m", null);
        assertFalse(stopped.complete());
        NetworkWeights c = fresh(99);  // other weights: everything must come from the checkpoint
        Training.Result rc = Training.run(c, train, held, all, false, dir.resolve("b.safetensors"), true, "m", null);
        assertTrue(rc.complete());
        for (String k : a.arrays().keySet()) {
            assertArrayEquals(a.get(k).data().asFloat(), c.get(k).data().asFloat(), k);
        }
        assertEquals(2, rc.metrics().size());
        for (int e = 0; e < 2; e++) {
            assertEquals(ra.metrics().get(e).heldOutLoss(), rc.metrics().get(e).heldOutLoss(), 0, "epoch " + (e + 1));
            assertEquals(ra.metrics().get(e).trainLoss(), rc.metrics().get(e).trainLoss(), 0, "epoch " + (e + 1));
        }
    }

    @Test
    void zerosStayZeroWhenTheMaskIsFixed() {
        NetworkWeights w = fresh(5);
        INDArray conv = w.get("layer1.0.conv1.weight");
        for (int k = 0; k < conv.length(); k += 2) {
            conv.putScalar(k, 0);
        }
        Training.run(w, randomImages(16, 6), null, new Training.Options(1, 8, 0.1, 0.9, 5e-4, Schedule.CONSTANT, 1, false, 8, 1),
                true, null, false, "m", null);
        float[] v = w.get("layer1.0.conv1.weight").data().asFloat();
        for (int k = 0; k < v.length; k++) {
            if (k % 2 == 0) {
                assertEquals(0.0, v[k], 0.0, "masked weight " + k);
            }
        }
        assertTrue(v[1] != 0f);
    }
}
