package org.pruneproof.scaled.nets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.OneDnnHelpers;

/**
 * {@link NetworkPassTest}'s agreement with the SameDiff graph on the registry's architectures at reduced width and
 * input size: ResNet-18 and -50 (basic and bottleneck blocks), a Stable CIFAR ResNet-32, MobileNetV2, VGG-19-BN (its
 * adaptive pooling upsamples 1² to 7² at 32² inputs), the LeNets; float64 in both modes, float32 with oneDNN on. About
 * 3 minutes on the 2-core host, so not in {@code mvn verify} (the small networks of {@code NetworkPassTest} have every
 * layer kind; {@code crosscheck.conv-gradients} checks generated ones against the reference engine): run with
 * {@code -Dpruneproof.measure=true -Dtest=NetworkPassArchitecturesTest}. Without that property JUnit reports it skipped.
 */
class NetworkPassArchitecturesTest {

    @Test
    @EnabledIfSystemProperty(named = "pruneproof.measure", matches = "true")
    void resNetsAgreeWithTheSameDiffGraphInDouble() {
        NetworkPassTest.agrees(Architectures.byName("resnet18", 0.125).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 3, 1e-6);
        NetworkPassTest.agrees(Architectures.byName("resnet18", 0.125).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.INFERENCE, 2, 1e-9);
        NetworkPassTest.agrees(Architectures.byName("resnet50", 0.0625).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 2, 1e-6);
        NetworkPassTest.agrees(Architectures.byName("stable-cifar-resnet32", 0.25).withInputSize(16), DataType.DOUBLE, NetworkGraph.Mode.TRAINING,
                2, 1e-6);
    }

    @Test
    @EnabledIfSystemProperty(named = "pruneproof.measure", matches = "true")
    void mobileNetVggAndLeNetsAgreeWithTheSameDiffGraphInDouble() {
        NetworkPassTest.agrees(Architectures.byName("mobilenetv2", 0.125).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 2, 1e-6);
        NetworkPassTest.agrees(Architectures.byName("mobilenetv2", 0.125).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.INFERENCE, 2, 1e-9);
        // 32² leaves VGG 1×1 before its 7×7 adaptive pooling: the upsampling branch
        NetworkPassTest.agrees(Architectures.byName("vgg19bn", 0.0625).withInputSize(32), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 2, 1e-6);
        NetworkPassTest.agrees(Architectures.byName("lenet5", 1).withInputSize(28), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 3, 1e-6);
        NetworkPassTest.agrees(Architectures.byName("lenet300-100", 0.25), DataType.DOUBLE, NetworkGraph.Mode.TRAINING, 1, 1e-6);
    }

    @Test
    @EnabledIfSystemProperty(named = "pruneproof.measure", matches = "true")
    void float32WithOneDnnAgreesOnResNet18AndMobileNetV2() {
        OneDnnHelpers.withMinElements(0, () -> {
            NetworkPassTest.agrees(Architectures.byName("resnet18", 0.125).withInputSize(32), DataType.FLOAT, NetworkGraph.Mode.TRAINING, 4, 1e-3);
            // at 32² MobileNetV2's last batch norms normalise 4 values per channel: float32 noise swamps the comparison
            NetworkPassTest.agrees(Architectures.byName("mobilenetv2", 0.125).withInputSize(64), DataType.FLOAT, NetworkGraph.Mode.TRAINING, 4,
                    1e-3);
            return null;
        });
    }
}
