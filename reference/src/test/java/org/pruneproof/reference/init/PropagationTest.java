package org.pruneproof.reference.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.activation.Activations;

/** Backward passes against central finite differences of the cross-entropy, for every topology. */
class PropagationTest {

    @ParameterizedTest
    @EnumSource(DenseTopology.class)
    void weightGradientsMatchFiniteDifferences(DenseTopology topology) {
        SplittableRandom r = new SplittableRandom(3);
        NetworkShape shape = new NetworkShape(topology, 4, 5, 3, 3);
        Network net = Network.initialise(shape, Activations.TANH, 0.3, 1.4, r);
        DMatrixRMaj x = GaussianMatrices.of(r, 4, 6, 1);
        int[] labels = {0, 1, 2, 0, 1, 2};
        Gradients g = Propagation.crossEntropyGradients(net, x, labels).gradients();
        double h = 1e-6;
        for (int l = 0; l < net.layers(); l++) {
            for (int k : new int[] {0, net.weights()[l].data.length / 2, net.weights()[l].getNumElements() - 1}) {
                double old = net.weights()[l].data[k];
                net.weights()[l].data[k] = old + h;
                double up = Propagation.crossEntropyGradients(net, x, labels).loss();
                net.weights()[l].data[k] = old - h;
                double down = Propagation.crossEntropyGradients(net, x, labels).loss();
                net.weights()[l].data[k] = old;
                assertEquals((up - down) / (2 * h), g.weights()[l].data[k], 1e-7, "layer " + l + " weight " + k);
            }
            double oldB = net.biases()[l][0];
            net.biases()[l][0] = oldB + h;
            double up = Propagation.crossEntropyGradients(net, x, labels).loss();
            net.biases()[l][0] = oldB - h;
            double down = Propagation.crossEntropyGradients(net, x, labels).loss();
            net.biases()[l][0] = oldB;
            assertEquals((up - down) / (2 * h), g.biases()[l][0], 1e-7, "layer " + l + " bias 0");
        }
    }

    @Test
    void stableResNetDividesEachBranchBySqrtOfBlocks() {
        SplittableRandom r = new SplittableRandom(5);
        NetworkShape shape = NetworkShape.resNet(true, 2, 3, 4, 2);
        Network net = Network.initialise(shape, Activations.RELU, 0, 1, r);
        assertEquals(6, net.layers());
        assertEquals(0.5, shape.branchScale(), 0);
        DMatrixRMaj x = GaussianMatrices.of(r, 2, 1, 1);
        ForwardPass p = Propagation.forward(net, x);
        // block 1 by hand: y1 = y0 + (W1 relu(y0) + b1)/2
        for (int i = 0; i < 3; i++) {
            double z = net.biases()[1][i];
            for (int j = 0; j < 3; j++) {
                z += net.weights()[1].get(i, j) * Math.max(0, p.preActivations()[0].get(j, 0));
            }
            assertEquals(p.preActivations()[0].get(i, 0) + z / 2, p.preActivations()[1].get(i, 0), 1e-14);
        }
    }

    @Test
    void sameSeedSameNetwork() {
        NetworkShape shape = NetworkShape.fullyConnected(3, 4, 3, 2);
        Network a = Network.initialise(shape, Activations.TANH, 0.1, 1.2, new SplittableRandom(9));
        Network b = Network.initialise(shape, Activations.TANH, 0.1, 1.2, new SplittableRandom(9));
        for (int l = 0; l < a.layers(); l++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.weights()[l].data, b.weights()[l].data, 0);
        }
    }
}
