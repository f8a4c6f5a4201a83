package org.pruneproof.reference.twolayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;

class PruningAlongTrainingTest {

    @Test
    void eachCheckpointHoldsTheGreedyPathOfThatNetworksFeatures() {
        SplittableRandom r = new SplittableRandom(2);
        int m = 6;
        TwoLayerNetwork net = new TwoLayerNetwork(GradientDescentTest.gaussian(r, 30, m),
                GradientDescentTest.filled(30, 1), Activations.RELU, Scaling.MEAN_FIELD);
        DMatrixRMaj x = CommonOps_DDRM.identity(m);
        double[] y = {1, -1, 1, 1, -1, 1};
        TrainingConfig cfg = TrainingConfig.fullBatch(0.2, 12).withCheckpoints(0, 4, 12);
        PruningAlongTraining.Curve curve = PruningAlongTraining.run(net, x, y, cfg, 8);
        assertArrayEquals(new int[] {0, 4, 12}, curve.iterations());
        Checkpoint[] seen = new Checkpoint[1];
        GradientDescent.train(net, x, y, TrainingConfig.fullBatch(0.2, 12).withCheckpoints(12), c -> seen[0] = c);
        var direct = GreedyForwardSelection.withReplacement(seen[0].features(), y, 8);
        assertEquals(direct, curve.paths().get(2));
        assertEquals(m * direct.lossAt(8), curve.prunedLoss(2, 8), 1e-12);
        assertEquals(curve.trajectory().lossAt(12), curve.denseLoss()[2], 1e-12);
        assertEquals(Losses.meanSquaredDistance(seen[0].features(), y), curve.spread()[2], 1e-12);
    }
}
