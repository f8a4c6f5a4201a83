package org.pruneproof.scaled.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.Layer;

/** The SameDiff graph computes what the architecture describes, and its gradients are right. */
class NetworkGraphTest {

    private static INDArray gaussian(SplittableRandom r, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    /** PyTorch's cross-correlation, written out: y[b,o,i,j] = bias[o] + Σ_{c,u,v} w[o,c,u,v]·x[b, c(o), s·i+u−p, s·j+v−p]. */
    private static double[][][][] conv(double[][][][] x, double[][][][] w, double[] bias, int stride, int pad, boolean depthwise) {
        int b = x.length;
        int h = x[0][0].length;
        int out = w.length;
        int k = w[0][0].length;
        int oh = (h + 2 * pad - k) / stride + 1;
        double[][][][] y = new double[b][out][oh][oh];
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < oh; j++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int c = 0; c < w[o].length; c++) {
                            int ci = depthwise ? o : c;
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int yy = stride * i + u - pad;
                                    int xx = stride * j + v - pad;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < h) {
                                        s += w[o][c][u][v] * x[n][ci][yy][xx];
                                    }
                                }
                            }
                        }
                        y[n][o][i][j] = s;
                    }
                }
            }
        }
        return y;
    }

    private static double[][][][] to4(INDArray a) {
        long[] s = a.shape();
        double[][][][] r = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                for (int u = 0; u < s[2]; u++) {
                    for (int v = 0; v < s[3]; v++) {
                        r[i][j][u][v] = a.getDouble(i, j, u, v);
                    }
                }
            }
        }
        return r;
    }

    @Test
    void convolutionsFollowPyTorchLayoutStrideAndPadding() {
        for (boolean depthwise : new boolean[] {false, true}) {
            int in = 3;
            int out = depthwise ? 3 : 4;
            Architecture a = new Architecture("conv", in, 6, out * 4, List.of(
                    new Conv("c", in, out, 3, 2, 1, depthwise ? in : 1, true), new Layer.Flatten()));
            NetworkWeights w = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(1));
            w.get("c.bias").assign(gaussian(new SplittableRandom(2), out));
            INDArray x = gaussian(new SplittableRandom(3), 2, in, 6, 6);
            INDArray got = NetworkGraph.build(w, NetworkGraph.Mode.INFERENCE).logits(x).reshape(2, out, 3, 3);
            double[][][][] expected = conv(to4(x), to4(w.get("c.weight")), w.get("c.bias").toDoubleVector(), 2, 1, depthwise);
            for (int n = 0; n < 2; n++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            assertEquals(expected[n][o][i][j], got.getDouble(n, o, i, j), 1e-12, "depthwise=" + depthwise);
                        }
                    }
                }
            }
        }
    }

    private static Architecture tinyResNet() {
        return new Architecture("tiny", 2, 4, 3, List.of(
                new Conv("c0", 2, 3, 3, 1, 1, 1, false), new BatchNorm("b0", 3), new Activation(Activation.Kind.RELU),
                new Residual("r", List.of(new Conv("r.c1", 3, 3, 3, 1, 1, 1, false), new BatchNorm("r.b1", 3)),
                        List.of(), 0.5, true),
                new GlobalAvgPool(), new Linear("fc", 3, 3, true)));
    }

    @Test
    void trainingModeGradientsMatchCentralDifferencesInDouble() {
        NetworkWeights w = NetworkWeights.initialise(tinyResNet(), DataType.DOUBLE, new SplittableRandom(5));
        w.get("b0.weight").assign(gaussian(new SplittableRandom(6), 3).add(1));
        NetworkGraph g = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING);
        INDArray x = gaussian(new SplittableRandom(7), 4, 2, 4, 4);
        int[] y = {0, 2, 1, 2};
        Map<String, INDArray> grads = g.gradients(x, y, List.of());
        double worst = 0;
        for (String name : List.of("c0.weight", "b0.weight", "b0.bias", "r.c1.weight", "r.b1.weight", "fc.weight")) {
            INDArray p = w.get(name);
            for (long i = 0; i < Math.min(4, p.length()); i++) {
                double old = p.getDouble(i);
                double h = 1e-6;
                p.putScalar(i, old + h);
                double up = g.loss(x, y);
                p.putScalar(i, old - h);
                double down = g.loss(x, y);
                p.putScalar(i, old);
                double numeric = (up - down) / (2 * h);
                double analytic = grads.get(name).getDouble(i);
                worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic)));
            }
        }
        assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    }

    @Test
    void inferenceModeTreatsImagesIndependentlyTrainingModeDoesNot() {
        NetworkWeights w = NetworkWeights.initialise(tinyResNet(), DataType.DOUBLE, new SplittableRandom(8));
        INDArray x = gaussian(new SplittableRandom(9), 4, 2, 4, 4);
        INDArray first = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        for (NetworkGraph.Mode mode : NetworkGraph.Mode.values()) {
            NetworkGraph g = NetworkGraph.build(w, mode);
            double alone = g.logits(first).getDouble(0, 0);
            double inBatch = g.logits(x).getDouble(0, 0);
            if (mode == NetworkGraph.Mode.INFERENCE) {
                assertEquals(alone, inBatch, 1e-12);
            } else {
                assertTrue(Math.abs(alone - inBatch) > 1e-6, "batch statistics change the output");
            }
        }
    }

    @Test
    void everyModelRunsForwardAtReducedSize() {
        for (String model : List.of("resnet18", "resnet50", "mobilenetv2", "vgg19bn", "stable-cifar-resnet32")) {
            Architecture a = Architectures.byName(model, 1.0 / 16).withInputSize(32);
            NetworkWeights w = NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(1));
            INDArray logits = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING)
                    .logits(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32));
            assertArrayEquals(new long[] {2, a.classes()}, logits.shape(), model);
        }
    }
}
