package org.pruneproof.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the standard architectures' sizes against torchvision's published parameter counts. */
class ArchitecturesTest {

    @Test
    void imageNetParameterCountsEqualTorchvision() {
        // torchvision: sum(p.numel() for p in model.parameters()), i.e. trainable parameters incl. BN γ, β.
        assertEquals(11_689_512L, Architectures.byName("resnet18", 1).trainableParameterCount());
        assertEquals(21_797_672L, Architectures.byName("resnet34", 1).trainableParameterCount());
        assertEquals(25_557_032L, Architectures.byName("resnet50", 1).trainableParameterCount());
        assertEquals(3_504_872L, Architectures.byName("mobilenetv2", 1).trainableParameterCount());
        assertEquals(143_678_248L, Architectures.byName("vgg19bn", 1).trainableParameterCount());
    }

    @Test
    void leNetParameterCountsAreThoseOfThePruningLiterature() {
        // LeNet-300-100: 784·300+300 + 300·100+100 + 100·10+10 = 266 610 (the "266K" of SNIP's Table 1 and Frankle &
        // Carbin's); LeNet-5-Caffe: 20·25+20 + 50·20·25+50 + 800·500+500 + 500·10+10 = 431 080 ("431K" in SNIP).
        assertEquals(266_610L, Architectures.byName("lenet300-100", 1).trainableParameterCount());
        assertEquals(431_080L, Architectures.byName("lenet5", 1).trainableParameterCount());
        for (String m : List.of("lenet300-100", "lenet5")) {
            Architecture a = Architectures.byName(m, 1);
            assertEquals(1, a.inputChannels(), m);
            assertEquals(28, a.inputSize(), m);
            assertArrayEquals(new int[] {10}, a.outputShape(), m);
        }
        // the state_dict a PyTorch user's module (self.conv1 = nn.Conv2d(1, 20, 5), ..., self.fc2 = nn.Linear(500, 10)) has
        assertEquals(List.of("conv1.weight[20, 1, 5, 5]", "conv1.bias[20]", "conv2.weight[50, 20, 5, 5]", "conv2.bias[50]",
                        "fc1.weight[500, 800]", "fc1.bias[500]", "fc2.weight[10, 500]", "fc2.bias[10]"),
                Architectures.byName("lenet5", 1).parameters().stream().map(p -> p.name() + java.util.Arrays.toString(p.shape())).toList());
        assertEquals(List.of("fc1.weight[300, 784]", "fc1.bias[300]", "fc2.weight[100, 300]", "fc2.bias[100]",
                        "fc3.weight[10, 100]", "fc3.bias[10]"),
                Architectures.byName("lenet300-100", 1).parameters().stream().map(p -> p.name() + java.util.Arrays.toString(p.shape())).toList());
        // the one channel group of LeNet-5: conv1's channels, read by conv2 through the max pooling
        List<ChannelGroup> groups = ChannelGroups.find(Architectures.byName("lenet5", 1));
        assertEquals(1, groups.size());
        assertEquals("conv1", groups.get(0).producer());
        assertEquals("conv2", groups.get(0).consumer());
        assertTrue(ChannelGroups.find(Architectures.byName("lenet300-100", 1)).isEmpty());
    }

    @Test
    void stableVariantHasTheSameParametersAndScalesBranchesByOneOverRootBlocks() {
        Architecture s = Architectures.byName("stable-cifar-resnet32", 1);
        assertEquals(Architectures.byName("cifar-resnet32", 1).parameters(), s.parameters());
        long blocks = s.layers().stream().filter(l -> l instanceof Layer.Residual).count();
        assertEquals(15, blocks);
        s.layers().stream().filter(l -> l instanceof Layer.Residual)
                .forEach(l -> assertEquals(1 / Math.sqrt(15), ((Layer.Residual) l).branchScale(), 1e-15));
    }

    @Test
    void cifarResNetsHaveDepthSixNPlusTwoWeightLayers() {
        for (int depth : new int[] {32, 50, 104}) {
            Architecture a = Architectures.byName("cifar-resnet" + depth, 1);
            long weightLayersOnMainPath = a.parameters().stream()
                    .filter(p -> p.prunable() && !p.name().contains("downsample")).count();
            assertEquals(depth, weightLayersOnMainPath, "cifar-resnet" + depth);
            assertArrayEquals(new int[] {10}, a.outputShape());
        }
    }

    @Test
    void resNet50ReportsFourPointOneGigaMacsAt224() {
        // The widely quoted 4.1 GMACs of ResNet-50 (convolutions and the classifier).
        long macs = Architectures.byName("resnet50", 1).macs();
        assertTrue(macs > 4.05e9 && macs < 4.15e9, "ResNet-50 MACs " + macs);
    }

    @Test
    void convolutionMacsAreOutputPositionsTimesWeights() {
        Architecture a = new Architecture("tiny", 2, 5, 3, List.of(
                new Layer.Conv("c", 2, 4, 3, 2, 1, 1, false), new Layer.GlobalAvgPool(), new Layer.Linear("f", 4, 3, true)));
        List<LayerCost> costs = a.costs();
        // output 3×3 positions, 4·2·3·3 = 72 weights
        assertEquals(9 * 72, costs.get(0).macs());
        assertEquals(12, costs.get(1).macs());
        assertEquals(72 + 15, a.trainableParameterCount());
    }

    @Test
    void widthMultiplierShrinksTheSameArchitecture() {
        Architecture full = Architectures.byName("resnet50", 1);
        Architecture small = Architectures.byName("resnet50", 0.125);
        assertEquals(full.parameters().size(), small.parameters().size());
        assertTrue(small.trainableParameterCount() < full.trainableParameterCount() / 20);
    }

    @Test
    void badNamesAndTooSmallInputsAreReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architectures.byName("resnet51", 1));
        assertTrue(e.getMessage().contains("resnet50"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architectures.byName("vgg19bn", 1).withInputSize(16));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
    }

    @Test
    void resNetIsReadFromTheLayersAndOnlyResNetsHaveStableVariants() {
        for (String m : Architectures.MODELS) {
            boolean resNet = Architectures.byName(m, 1).isResNet();
            assertEquals(m.contains("resnet"), resNet, m + ": He-style residual blocks (ReLU after the addition)");
            assertEquals(resNet, Architectures.NAMES.contains(Architectures.stableName(m)), m);
        }
        assertTrue(Architectures.byName("stable-resnet18", 1).isResNet());
        assertEquals(Architectures.MODELS.size() + 6, Architectures.NAMES.size(), "six ResNets, six Stable variants");
    }

    @Test
    void keepingChannelsOfAGroupShrinksProducerFollowersAndConsumer() {
        Architecture a = Architectures.byName("vgg19bn", 0.125).withInputSize(32);
        ChannelGroup g = ChannelGroups.find(a).get(0);
        Architecture smaller = ChannelRemoval.keep(a, g, 3);
        long removed = a.trainableParameterCount() - smaller.trainableParameterCount();
        Layer.Conv producer = (Layer.Conv) a.layers().get(0);
        Layer.Conv consumer = (Layer.Conv) a.layers().stream().filter(l -> l instanceof Layer.Conv c && c.name().equals(g.consumer()))
                .findFirst().orElseThrow();
        int gone = g.channels() - 3;
        // producer filters (weights and biases), batch-norm γ and β, consumer input channels
        long expected = (long) gone * (producer.inPerGroup() * producer.kernel() * producer.kernel() + 1) + 2L * gone
                + (long) gone * consumer.out() * consumer.kernel() * consumer.kernel();
        assertEquals(expected, removed);
        assertArrayEquals(a.outputShape(), smaller.outputShape());
    }
}
