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
import org.pruneproof.nets.Architectures;
import org.pruneproof.theory.pruning.PruningMethod;

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
        if (model.startsWith("lenet")) {
            return new String[] {"--width-multiplier", "0.25"};  // small already; their classifiers fix the 28×28 input
        }
        return model.startsWith("cifar") || model.startsWith("stable-cifar")
                ? new String[] {"--width-multiplier", "0.125", "--input-size", "8"}
                : new String[] {"--width-multiplier", "0.0625", "--input-size", "32"};
    }

    private JsonNode prune(String model, String method, String... extra) throws IOException {
        Path out = dir.resolve(model + "-" + method);
        // one ND4J thread: the reduced networks' operations are tiny, and OpenMP threads only spin on a busy machine
        List<String> args = new java.util.ArrayList<>(List.of("prune", "--model", model, "--method", method, "--batch", "2",
                "--seed", "3", "--threads", "1", "--out", out.toString()));
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

    /** Every model of the registry, with the Stable variant of one CIFAR and one ImageNet ResNet. */
    private static final List<String> MODELS = java.util.stream.Stream.concat(Architectures.MODELS.stream(),
            java.util.stream.Stream.of("stable-cifar-resnet32", "stable-resnet18")).toList();

    @Test
    void everyModelIsPrunedAtInitialisationByEveryMethod() throws IOException {
        for (String model : MODELS) {
            for (String method : PruningMethod.cliNames()) {
                JsonNode s = prune(model, method, "--sparsity", "0.8");
                long kept = 0;
                int firstCollapse = 0;
                for (JsonNode l : s.get("layers")) {
                    kept += l.get("kept").asLong();
                    assertEquals(l.get("kept").asLong() == 0, l.get("note").asText().contains("COLLAPSED"), l.toString());
                    firstCollapse += l.get("note").asText().contains("collapses first") ? 1 : 0;
                    assertEquals(l.get("layer").asText().equals(s.get("collapsedLayer").asText()),
                            l.get("note").asText().contains("collapses first"), l.toString());
                }
                assertEquals(1, firstCollapse, model + " " + method + ": the first layer to collapse is flagged");
                assertEquals(Math.round(0.2 * s.get("totalWeights").asLong()), kept, model + " " + method);
                assertEquals(kept, s.get("keptWeights").asLong());
                double scr = s.get("criticalSparsity").asDouble();
                assertTrue(scr > 0 && scr <= 1, "s_cr " + scr);
                if (PruningMethod.parse(method).usesStableResNet() && Architectures.byName(model, 1).isResNet()) {
                    assertTrue(s.get("architecture").asText().startsWith("stable-"), "SBP-SR runs the Stable ResNet");
                }
            }
        }
    }

    @Test
    void everyModelIsPrunedGreedilyInBothModes() throws IOException {
        for (String model : MODELS) {
            if (org.pruneproof.nets.ChannelGroups.find(Architectures.byName(model, 1)).isEmpty()) {
                // LeNet-300-100: no convolution, so no channel group (its refusal: greedyNeedsAChannelGroup)
                continue;
            }
            JsonNode fast = prune(model, "greedy-fast", "--sparsity", "0.5", "--positions", "16");
            assertShrunk(model + " greedy-fast", fast);
            // the paper's mode (a) with its accuracy rule; 2 candidates per step, scored in one pass
            JsonNode paper = prune(model, "greedy", "--sparsity", "0.5", "--candidates", "2", "--eval-images", "2");
            assertShrunk(model + " greedy", paper);
            assertEquals("accuracy", paper.get("stop").asText());
            assertEquals(0.02, paper.get("tolerance").asDouble());
            for (JsonNode g : paper.get("groups")) {
                String stop = g.get("stoppedBy").asText();
                if (stop.equals("accuracy")) {
                    assertTrue(g.get("endTop1").asDouble() >= 0.98 * g.get("startTop1").asDouble(), g.toString());
                } else {
                    assertEquals("cap", stop, g.toString());
                    assertEquals(Math.round(0.5 * g.get("channels").asInt()), g.get("kept").asInt(), g.toString());
                }
            }
        }
    }

    private static void assertShrunk(String what, JsonNode s) {
        boolean shrunk = false;
        for (JsonNode l : s.get("layers")) {
            shrunk |= l.get("kept").asLong() < l.get("units").asLong();
        }
        assertTrue(shrunk, what);
        assertTrue(s.get("groups").size() > 0, what);
    }

    @Test
    void greedyNeedsAChannelGroup() {
        Run r = run("prune", "--model", "lenet300-100", "--method", "greedy", "--out", dir.resolve("g").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--method greedy") && r.err().contains("channel group"), r.err());
        assertFalse(Files.exists(dir.resolve("g")));
    }

    @Test
    void greedyByLossWithFineTuning() throws IOException {
        JsonNode s = prune("resnet18", "greedy", "--sparsity", "0.5", "--candidates", "3", "--stop", "loss", "--tolerance", "1",
                "--finetune-steps", "1");
        assertEquals("loss", s.get("stop").asText());
        assertEquals(1, s.get("finetuneLosses").size());
        for (JsonNode g : s.get("groups")) {
            assertTrue(List.of("loss", "cap").contains(g.get("stoppedBy").asText()), g.toString());
        }
    }

    @Test
    void badOptionsAreOneLineErrors() throws IOException {
        for (String[] args : List.of(
                new String[] {"prune", "--model", "resnet51", "--method", "snip", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "grasp", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "snip", "--sparsity", "1.5", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "greedy", "--stop", "top5", "--out", dir.toString()},
                new String[] {"prune", "--model", "resnet18", "--method", "snip", "--threads", "0", "--out", dir.toString()},
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
