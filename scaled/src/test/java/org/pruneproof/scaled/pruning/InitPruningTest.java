package org.pruneproof.scaled.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.theory.pruning.PruningMethod;

/** Pruning at initialisation masks exactly what its scores say, and SBP-SR restores group norms. */
class InitPruningTest {

    @Test
    void snipScoresAreWeightTimesGradientAndTheMaskKeepsExactlyRoundOneMinusSTimesM() {
        Architecture a = Architectures.byName("cifar-resnet32", 0.125).withInputSize(8);
        NetworkWeights w = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(1));
        ImageBatch batch = new SyntheticImages(10, 3, 8, DataType.DOUBLE, 2).next(4);
        NetworkWeights original = w.copy();
        double[][] scores = InitPruning.scores(w, PruningMethod.SNIP, batch, 0);
        // the gradients of the pass the scoring uses (NetworkPass; NetworkPassTest ties it to the SameDiff graph)
        var grads = NetworkPass.build(original, NetworkGraph.Mode.TRAINING).lossAndGradients(batch.images(), batch.labels())
                .gradients();
        int l = 0;
        while (!w.prunable().get(l).name().equals("layer2.0.conv1.weight")) {
            l++;
        }
        INDArray expected = grads.get("layer2.0.conv1.weight").mul(original.get("layer2.0.conv1.weight")).reshape(-1);
        for (int i = 0; i < scores[l].length; i++) {
            assertEquals(Math.abs(expected.getDouble(i)), scores[l][i], 1e-15);
        }
        InitPruningResult r = InitPruning.prune(w, PruningMethod.SNIP, 0.9, batch, 0);
        long nonzero = 0;
        for (ParameterSpec p : w.prunable()) {
            nonzero += w.get(p.name()).neq(0).castTo(DataType.INT).sumNumber().longValue();
        }
        assertEquals(Math.round(0.1 * a.prunableWeightCount()), r.keptWeights());
        assertEquals(r.keptWeights(), nonzero);
        assertTrue(r.criticalSparsity() > 0 && r.criticalSparsity() < 1);
    }

    @Test
    void sbpSrOnVggRestoresEveryKeptGroupNormToSigmaW2OverKernelArea() {
        Architecture a = Architectures.byName("vgg19bn", 1.0 / 32).withInputSize(32);
        NetworkWeights w = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(3));
        ImageBatch batch = new SyntheticImages(1000, 3, 32, DataType.DOUBLE, 4).next(2);
        InitPruning.prune(w, PruningMethod.SBP_SR, 0.8, batch, 0);
        INDArray k = w.get("features.3.weight");  // [out, in, 3, 3]
        long[] s = k.shape();
        int groupsChecked = 0;
        for (int o = 0; o < s[0]; o++) {
            for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                    double n2 = 0;
                    for (int c = 0; c < s[1]; c++) {
                        n2 += k.getDouble(o, c, u, v) * k.getDouble(o, c, u, v);
                    }
                    if (n2 > 0) {
                        assertEquals(2.0 / 9, n2, 1e-12);
                        groupsChecked++;
                    }
                }
            }
        }
        assertTrue(groupsChecked > 0);
    }

    @Test
    void randomAndMagnitudeAreSeededAndMagnitudeKeepsTheLargestWeights() {
        Architecture a = Architectures.byName("cifar-resnet32", 0.125).withInputSize(8);
        NetworkWeights w1 = NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(1));
        NetworkWeights w2 = w1.copy();
        InitPruning.prune(w1, PruningMethod.RANDOM, 0.5, null, 7);
        InitPruning.prune(w2, PruningMethod.RANDOM, 0.5, null, 7);
        assertEquals(w1.get("conv1.weight"), w2.get("conv1.weight"));
        NetworkWeights m = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(1));
        InitPruningResult r = InitPruning.prune(m, PruningMethod.MAGNITUDE, 0.7, null, 0);
        double minKept = Double.POSITIVE_INFINITY;
        for (ParameterSpec p : m.prunable()) {
            for (double v : m.get(p.name()).dup().data().asDouble()) {
                if (v != 0) {
                    minKept = Math.min(minKept, Math.abs(v));
                }
            }
        }
        NetworkWeights fresh = NetworkWeights.initialise(a, DataType.DOUBLE, new SplittableRandom(1));
        long above = 0;
        for (ParameterSpec p : fresh.prunable()) {
            for (double v : fresh.get(p.name()).dup().data().asDouble()) {
                if (Math.abs(v) >= minKept) {
                    above++;
                }
            }
        }
        assertEquals(r.keptWeights(), above, "the kept set is exactly the weights with |w| ≥ the smallest kept");
    }
}
