package org.pruneproof.scaled.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.nets.NetworkGraph;

/**
 * Weight import against fixtures made by PyTorch ({@code tools/make_weight_fixtures.py}): torchvision's
 * state_dict names and shapes for every ImageNet model, and logits of networks with non-trivial batch-norm
 * statistics computed by PyTorch in eval mode; every wrong tensor set is refused naming the file and tensor.
 */
class TrainedWeightsTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        return TrainedWeightsTestFixtures.path(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50", "mobilenetv2", "vgg19bn"})
    void parameterNamesAndShapesAreTorchvisionsStateDict(String model) throws IOException {
        List<String> torchvision = Files.readAllLines(fixture("names/" + model + ".txt")).stream()
                .filter(l -> !l.startsWith("num_batches_tracked") && !l.contains(".num_batches_tracked ")).toList();
        List<String> ours = new ArrayList<>();
        for (ParameterSpec p : Architectures.byName(model, 1).parameters()) {
            StringBuilder s = new StringBuilder(p.name()).append(' ');
            long[] sh = p.shape();
            for (int k = 0; k < sh.length; k++) {
                s.append(k == 0 ? "" : ",").append(sh[k]);
            }
            ours.add(s.toString());
        }
        assertEquals(torchvision, ours);
    }

    private static void assertLogits(TrainedWeights w, String expectedFile) {
        assertLogits(w, expectedFile, "images-32.npy");
    }

    /** The network's inference-mode logits on the fixture's images equal PyTorch's within 1e-4 of the largest logit. */
    private static void assertLogits(TrainedWeights w, String expectedFile, String imagesFile) {
        INDArray images = Nd4j.createFromNpyFile(fixture(imagesFile).toFile()).castTo(DataType.FLOAT);
        INDArray got = NetworkGraph.build(w.weights(), NetworkGraph.Mode.INFERENCE).logits(images);
        double[] expected = Npy.read(fixture(expectedFile)).toDoubles();
        double[] actual = got.castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-4 * scale, "logit " + k);
        }
    }

    @Test
    void torchvisionMobileNetV2FromSafetensorsGivesPyTorchsLogits() {
        TrainedWeights w = TrainedWeights.load(fixture("mobilenetv2-w0.25-c10.safetensors"), "mobilenetv2", 0.25, 32, DataType.FLOAT);
        assertEquals(10, w.architecture().classes(), "classes read from classifier.1.weight");
        assertLogits(w, "mobilenetv2-w0.25-c10.logits.npy");
        assertEquals(64, w.sha256().length());
    }

    /**
     * torchvision's own ResNet-18 (basic blocks), ResNet-50 (bottlenecks, stride on the 3×3 convolution), VGG-19-BN and
     * MobileNetV2 code at reduced widths with batch-norm statistics of data (γ, β drawn, running statistics from train-mode
     * passes): the logits are PyTorch's; and the comparison is sharp enough to see the running variance of the first
     * batch norm, or of a middle one, scaled by 1.5.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"resnet18, 0.125, resnet18-w0.125-c10", "resnet50, 0.0625, resnet50-w0.0625-c10",
        "vgg19bn, 0.03125, vgg19bn-w0.03125-c10", "mobilenetv2, 0.25, mobilenetv2-w0.25-c10-calibrated"})
    void torchvisionNetworksGivePyTorchsLogitsAndAPerturbedRunningVarIsSeen(String model, double width, String tag) {
        TrainedWeights w = TrainedWeights.load(fixture(tag + ".safetensors"), model, width, 32, DataType.FLOAT);
        List<ParameterSpec> vars = w.architecture().parameters().stream()
                .filter(p -> p.role() == ParameterSpec.Role.BN_RUNNING_VAR).toList();
        for (ParameterSpec v : vars) {
            double[] rv = w.weights().get(v.name()).castTo(DataType.DOUBLE).data().asDouble();
            assertTrue(java.util.Arrays.stream(rv).anyMatch(x -> Math.abs(x - 1) > 0.1), v.name() + ": non-trivial statistics");
        }
        assertLogits(w, tag + ".logits.npy");
        for (ParameterSpec v : List.of(vars.get(0), vars.get(vars.size() / 2))) {  // the first and a middle batch norm
            INDArray rv = w.weights().get(v.name());
            INDArray saved = rv.dup();
            rv.muli(1.5);
            assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertLogits(w, tag + ".logits.npy"),
                    "the logits change beyond the tolerance when " + v.name() + " is scaled by 1.5");
            rv.assign(saved);
        }
        assertLogits(w, tag + ".logits.npy");
    }

    @Test
    void leNet5WrittenAsAPyTorchModuleGivesPyTorchsLogits() {
        TrainedWeights w = TrainedWeights.load(fixture("lenet5-c10.safetensors"), "lenet5", 1, null, DataType.FLOAT);
        assertEquals(1, w.architecture().inputChannels());
        assertLogits(w, "lenet5-c10.logits.npy", "images-gray-28.npy");
    }

    @Test
    void cifarResNetFromAnNpyFolderGivesPyTorchsLogits() {
        assertLogits(TrainedWeights.load(fixture("cifar-resnet8-w0.25-c10"), "cifar-resnet8", 0.25, null, DataType.FLOAT),
                "cifar-resnet8-w0.25-c10.logits.npy");
    }

    @Test
    void stableCifarResNetScalesItsBranchesLikePyTorch() {
        assertLogits(TrainedWeights.load(fixture("stable-cifar-resnet8-w0.25-c10"), "stable-cifar-resnet8", 0.25, null,
                DataType.DOUBLE), "stable-cifar-resnet8-w0.25-c10.logits.npy");
    }

    @Test
    void anExportLoadsAgainToIdenticalLogits() {
        TrainedWeights w = TrainedWeights.load(fixture("mobilenetv2-w0.25-c10.safetensors"), "mobilenetv2", 0.25, 32, DataType.FLOAT);
        Path out = dir.resolve("export");
        WeightExport.write(out, w.weights(), 0.25, false);
        TrainedWeights back = TrainedWeights.load(out, null, 1, null, DataType.FLOAT);
        assertEquals(32, back.architecture().inputSize());
        INDArray images = Nd4j.createFromNpyFile(fixture("images-32.npy").toFile()).castTo(DataType.FLOAT);
        assertArrayEquals(NetworkGraph.build(w.weights(), NetworkGraph.Mode.INFERENCE).logits(images).data().asFloat(),
                NetworkGraph.build(back.weights(), NetworkGraph.Mode.INFERENCE).logits(images).data().asFloat());
    }

    private Path copyOfResNetFolder() throws IOException {
        Path copy = dir.resolve("w");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(fixture("cifar-resnet8-w0.25-c10"))) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    private static void refused(Path weights, String... fragments) {
        WeightFileException e = assertThrows(WeightFileException.class,
                () -> TrainedWeights.load(weights, "cifar-resnet8", 0.25, null, DataType.FLOAT));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "mentions '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void aMissingTensorIsNamed() throws IOException {
        Path w = copyOfResNetFolder();
        Files.delete(w.resolve("layer2.0.bn3.running_var.npy"));
        refused(w, w.toString(), "missing tensor 'layer2.0.bn3.running_var'");
    }

    @Test
    void anUnexpectedTensorIsNamed() throws IOException {
        Path w = copyOfResNetFolder();
        Npy.write(w.resolve("layer9.conv.weight.npy"), NpyArray.ofFloats(new float[] {1}, 1));
        refused(w, "layer9.conv.weight.npy", "unexpected tensor 'layer9.conv.weight'");
    }

    @Test
    void aMisShapedTensorIsNamedWithBothShapes() throws IOException {
        Path w = copyOfResNetFolder();
        Npy.write(w.resolve("layer1.0.conv2.weight.npy"), NpyArray.ofFloats(new float[8 * 8 * 9], 8, 8, 9));
        refused(w, "layer1.0.conv2.weight.npy", "'layer1.0.conv2.weight' has shape [8, 8, 9], expected [8, 8, 3, 3]");
    }

    @Test
    void aNonFiniteValueIsNamed() throws IOException {
        Path w = copyOfResNetFolder();
        float[] v = new float[8];
        v[5] = Float.NaN;
        Npy.write(w.resolve("bn1.weight.npy"), NpyArray.ofFloats(v, 8));
        refused(w, "bn1.weight.npy", "'bn1.weight' element 5", "not finite");
    }

    @Test
    void aBrokenSafetensorsFileIsAWeightFileError() throws IOException {
        Path f = dir.resolve("broken.safetensors");
        Files.write(f, new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{'});
        refused(f, f.toString(), "header length");
    }
}
