package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.ParameterSpec;

/**
 * A described network with every layer kind (strided and padded convolution, depthwise convolution, batch
 * norm, ReLU and ReLU6, max pooling, a residual block with a projection shortcut and a scaled branch,
 * adaptive average pooling down and up, flattening, global pooling, linear) evaluated by {@link ConvNetwork}:
 * its backward pass matches central differences of its loss in every parameter and input entry, in both
 * batch-norm modes.
 */
class ConvNetworkTest {

    private static final Activation RELU = new Activation(Activation.Kind.RELU);

    static Architecture everyKind() {
        List<Layer> layers = List.of(
                new Layer.Conv("stem", 2, 4, 3, 2, 1, 1, true),
                new Layer.BatchNorm("bn1", 4),
                RELU,
                new Layer.MaxPool(3, 1, 1),
                new Layer.Residual("block", List.of(
                        new Layer.Conv("block.conv1", 4, 4, 3, 1, 1, 4, false),
                        new Layer.BatchNorm("block.bn1", 4),
                        new Activation(Activation.Kind.RELU6),
                        new Layer.Conv("block.conv2", 4, 3, 1, 1, 0, 1, false)),
                        List.of(new Layer.Conv("block.down", 4, 3, 1, 1, 0, 1, false)), 0.5, true),
                new Layer.AdaptiveAvgPool(2),
                new Layer.AdaptiveAvgPool(4),
                new Layer.Flatten(),
                new Layer.Linear("fc1", 48, 5, true),
                new Layer.Linear("fc2", 5, 3, false));
        return new Architecture("every-kind", 2, 7, 3, layers);
    }

    static Map<String, double[]> parameters(Architecture a, long seed) {
        Map<String, double[]> p = new HashMap<>();
        long s = seed;
        for (ParameterSpec spec : a.parameters()) {
            double[] v = CentralDifference.gaussian((int) spec.size(), s++);
            if (spec.role() == ParameterSpec.Role.BN_RUNNING_VAR) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5 + v[i] * v[i];
                }
            }
            p.put(spec.name(), v);
        }
        return p;
    }

    @Test
    void backwardMatchesCentralDifferencesInBothModes() {
        Architecture a = everyKind();
        int[] labels = {2, 0, 1};
        for (ConvNetwork.Mode mode : ConvNetwork.Mode.values()) {
            Map<String, double[]> p = parameters(a, 70);
            double[] x = CentralDifference.gaussian(3 * 2 * 7 * 7, 5);
            ConvNetwork.Gradients g = new ConvNetwork(a, p, mode).lossAndGradients(Tensor4.of(3, 2, 7, 7, x), labels);
            CentralDifference.check(mode + " input", x, g.input().toArray(),
                    () -> new ConvNetwork(a, p, mode).forward(Tensor4.of(3, 2, 7, 7, x), labels).loss());
            for (Map.Entry<String, double[]> e : g.parameters().entrySet()) {
                double[] v = p.get(e.getKey());
                CentralDifference.check(mode + " " + e.getKey(), v, e.getValue(),
                        () -> new ConvNetwork(a, p, mode).forward(Tensor4.of(3, 2, 7, 7, x), labels).loss());
            }
            assertEquals(a.parameters().stream().filter(ParameterSpec::trainable).count(), g.parameters().size());
        }
    }

    @Test
    void roundingScalesBoundTheValuesAndReportKinks() {
        Architecture a = everyKind();
        Map<String, double[]> p = parameters(a, 70);
        ConvNetwork net = new ConvNetwork(a, p, ConvNetwork.Mode.TRAINING);
        ConvNetwork.Pass pass = net.forward(Tensor4.of(3, 2, 7, 7, CentralDifference.gaussian(3 * 2 * 7 * 7, 5)), new int[] {2, 0, 1});
        ConvNetwork.Gradients g = net.backward(pass);
        RoundingScales.Result r = RoundingScales.of(net, pass);
        assertTrue(r.loss() >= g.loss());
        for (int k = 0; k < g.input().size(); k++) {
            assertTrue(r.input().get(k) >= Math.abs(g.input().get(k)), "input entry " + k);
        }
        g.parameters().forEach((name, v) -> {
            for (int k = 0; k < v.length; k++) {
                assertTrue(r.parameters().get(name)[k] >= Math.abs(v[k]), name + " entry " + k);
            }
        });
        assertTrue(r.nearestKink() > 0 && r.nearestKink() < Double.POSITIVE_INFINITY);
        assertTrue(r.nearestTie() > 0);
    }

    @Test
    void refusesMissingParameters() {
        Architecture a = everyKind();
        Map<String, double[]> p = parameters(a, 1);
        p.remove("fc2.weight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConvNetwork(a, p, ConvNetwork.Mode.TRAINING));
        assertTrue(e.getMessage().contains("fc2.weight"));
    }
}
