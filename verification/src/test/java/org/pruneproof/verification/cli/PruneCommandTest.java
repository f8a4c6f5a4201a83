package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prune job on reduced sizes of every model with every method, and its usage errors. */
class PruneCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static String[] reduced(String model) {
        return model.startsWith("cifar") || model.startsWith("stable-cifar")
                ? new String[] {"--width-multiplier", "0.125", "--input-size", "8"}
                : new String[] {"--width-multiplier", "0.0625", "--input-size", "32"};
    }

    private JsonNode prune(String model, String method, String... extra) throws IOException {
        Path out = dir.resolve(model + "-" + method);
        List<String> args = new java.util.ArrayList<>(List.of("prune", "--model", model, "--method", method, "--batch", "2",
                "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(reduced(model)));
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), model + " " + method + ": " + r.err());
        assertTrue(r.out().contains("params"), r.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(Files.isRegularFile(out.resolve("weights").resolve(s.get("layers").get(0).get("layer").asText() + ".weight.npy")));
        assertTrue(s.get("paramsAfter").asLong() < s.get("paramsBefore").asLong(), model + " " + method + ": fewer parameters");
        assertTrue(s.get("macsAfter").asLong() < s.get("macsBefore").asLong(), model + " " + method + ": fewer MACs");
        return s;
    }

    @Test
    void everyModelIsPrunedAtInitialisationByEveryMethod() throws IOException {
        for (String model : List.of("resnet18", "resnet34", "resnet50", "mobilenetv2", "vgg19bn", "cifar-resnet32",
                "cifar-resnet50", "cifar-resnet104", "stable-cifar-resnet32")) {
            for (String method : List.of("random", "magnitude", "snip", "sbp-sr")) {
                JsonNode s = prune(model, method, "--sparsity", "0.8");
                long kept = 0;
                for (JsonNode l : s.get("layers")) {
                    kept += l.get("kept").asLong();
                }
                assertEquals(Math.round(0.2 * s.get("totalWeights").asLong()), kept, model + " " + method);
                assertEquals(kept, s.get("keptWeights").asLong());
                double scr = s.get("criticalSparsity").asDouble();
                assertTrue(scr > 0 && scr <= 1, "s_cr " + scr);
                if (method.equals("sbp-sr") && model.contains("resnet")) {
                    assertTrue(s.get("architecture").asText().startsWith("stable-"), "SBP-SR runs the Stable ResNet");
                }
            }
        }
    }

    @Test
    void greedyChannelSelectionShrinksTheNetworkPhysically() throws IOException {
        // One network per block type (basic, inverted residual, plain); every greedy step rebuilds the graph
        // of the shrunk network, so the deep ResNets are left to the per-model init test above.
        for (String model : List.of("resnet18", "mobilenetv2", "vgg19bn")) {
            JsonNode s = prune(model, "greedy-fast", "--sparsity", "0.5", "--positions", "16");
            boolean shrunk = false;
            for (JsonNode l : s.get("layers")) {
                shrunk |= l.get("kept").asLong() < l.get("units").asLong();
            }
            assertTrue(shrunk, model);
        }
        JsonNode s = prune("resnet18", "greedy", "--sparsity", "0.5", "--candidates", "2", "--tolerance", "1",
                "--finetune-steps", "1");
        assertEquals(1, s.get("finetuneLosses").size());
    }

    @Test
    void badOptionsAreOneLineErrors() throws IOException {
        for (String[] args : List.of(
                new String[] {"prune", "--model", "resnet51", "--method", "snip", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "grasp", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "snip", "--sparsity", "1.5", "--out", dir.toString()},
                new String[] {"prune", "--model", "vgg19bn", "--method", "snip", "--input-size", "16", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "snip", "--data", dir.resolve("nope").toString(), "--out", dir.toString()})) {
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("pruneproof: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("at org."), r.err());
        }
        Files.createDirectories(dir.resolve("images/empty"));
        Run r = run("prune", "--model", "resnet18", "--method", "snip", "--data", dir.resolve("images").toString(), "--out", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("empty"), r.err());
    }
}
