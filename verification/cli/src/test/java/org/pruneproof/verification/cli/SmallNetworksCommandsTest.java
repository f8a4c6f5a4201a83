package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;

/**
 * The small networks of the pruning literature (LeNet-5, LeNet-300-100; 1×28×28 input) through every command that
 * takes {@code --model}: train, evaluate, prune by every kind of method, and their exports loaded again.
 */
class SmallNetworksCommandsTest {

    @TempDir
    Path dir;

    private JsonNode summary(Path folder) throws IOException {
        return new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    }

    @Test
    void leNet5TrainsEvaluatesAndPrunesByChannelsAndWeights() throws IOException {
        Path data = MnistFolder.write(dir, 16);
        Path trained = dir.resolve("trained");
        CliRun t = CliRun.of("train", "--model", "lenet5", "--width-multiplier", "0.5", "--data", data.toString(), "--epochs", "1",
                "--batch", "8", "--lr", "0.01", "--seed", "3", "--threads", "1", "--out", trained.toString());
        assertEquals(0, t.status(), t.err());
        JsonNode arch = new ObjectMapper().readTree(trained.resolve("architecture.json").toFile());
        assertEquals("lenet5", arch.get("model").asText());
        assertEquals(28, arch.get("inputSize").asInt());

        Path eval = dir.resolve("eval");
        CliRun e = CliRun.of("evaluate", "--weights", trained.toString(), "--data", data.toString(), "--threads", "1", "--out", eval.toString());
        assertEquals(0, e.status(), e.err());
        NpyArray logits = Npy.read(eval.resolve("logits.npy"));
        assertArrayEquals(new long[] {16, 10}, logits.shape());
        assertEquals(summary(trained).get("heldOutTop1").asDouble(), summary(eval).get("top1").asDouble(), 0,
                "the export evaluates as the last epoch's held-out evaluation did");

        // greedy channel selection: conv1's channels (read by conv2 through the max pooling) are removed physically
        Path greedy = dir.resolve("greedy");
        CliRun g = CliRun.of("prune", "--model", "lenet5", "--weights", trained.toString(), "--method", "greedy-fast", "--sparsity", "0.5",
                "--positions", "32", "--batch", "4", "--data", data.toString(), "--threads", "1", "--out", greedy.toString());
        assertEquals(0, g.status(), g.err());
        JsonNode gs = summary(greedy);
        assertTrue(gs.get("paramsAfter").asLong() < gs.get("paramsBefore").asLong(), gs.toString());
        JsonNode kept = new ObjectMapper().readTree(greedy.resolve("architecture.json").toFile()).get("keptChannels");
        assertTrue(kept.has("conv1") && kept.get("conv1").size() < 10, kept.toString());
        Path ge = dir.resolve("greedy-eval");
        CliRun gev = CliRun.of("evaluate", "--weights", greedy.toString(), "--data", data.toString(), "--threads", "1", "--out", ge.toString());
        assertEquals(0, gev.status(), gev.err());
        assertEquals(gs.get("accuracy").get("afterPruning").get("top1").asDouble(), summary(ge).get("top1").asDouble(), 0);

        // pruning at initialisation of the same trained network (SNIP's scores on trained weights)
        Path snip = dir.resolve("snip");
        CliRun s = CliRun.of("prune", "--model", "lenet5", "--weights", trained.toString(), "--method", "snip", "--sparsity", "0.9",
                "--batch", "4", "--data", data.toString(), "--threads", "1", "--out", snip.toString());
        assertEquals(0, s.status(), s.err());
        assertTrue(Files.isRegularFile(snip.resolve("weights").resolve("fc1.weight.npy")));
    }

    @Test
    void leNet300100TrainsEvaluatesAndIsPrunedAtInitialisation() throws IOException {
        Path data = MnistFolder.write(dir, 16);
        Path trained = dir.resolve("trained");
        CliRun t = CliRun.of("train", "--model", "lenet300-100", "--data", data.toString(), "--epochs", "2", "--batch", "8", "--lr", "0.01",
                "--seed", "3", "--threads", "1", "--out", trained.toString());
        assertEquals(0, t.status(), t.err());
        Path eval = dir.resolve("eval");
        CliRun e = CliRun.of("evaluate", "--model", "lenet300-100", "--weights", trained.resolve("model.safetensors").toString(), "--data",
                data.toString(), "--threads", "1", "--out", eval.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(16, summary(eval).get("images").asInt());
        for (String method : new String[] {"snip", "magnitude"}) {
            Path out = dir.resolve(method);
            CliRun p = CliRun.of("prune", "--model", "lenet300-100", "--method", method, "--sparsity", "0.95", "--batch", "4", "--threads", "1",
                    "--out", out.toString());
            assertEquals(0, p.status(), method + ": " + p.err());
            assertEquals(266_610 - 300 - 100 - 10, summary(out).get("totalWeights").asLong(), method + ": M, the prunable weights");
        }
    }

    @Test
    void aGreyScaleNetworkRefusesAnRgbImageFolder() throws IOException {
        Path folder = dir.resolve("images").resolve("cat");
        Files.createDirectories(folder);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", folder.resolve("a.png").toFile());
        CliRun r = CliRun.of("train", "--model", "lenet5", "--data", dir.resolve("images").toString(), "--epochs", "1", "--out",
                dir.resolve("x").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--data") && r.err().contains("1-channel"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
