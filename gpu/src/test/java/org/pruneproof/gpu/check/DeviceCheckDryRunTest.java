package org.pruneproof.gpu.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.io.JsonFiles;

/**
 * The device script end to end on this machine: {@code gpu/package-device-bundle} builds the bundle (a
 * jlinked runtime of this JDK plus the jars), and {@code gpu/device-check --dry-run} runs the whole flow
 * with that runtime on the CPU device — so the bundle's runtime and jars are shown to suffice (no ND4J,
 * only java.base).
 */
class DeviceCheckDryRunTest {

    private static final Path GPU = Path.of(System.getProperty("pruneproof.gpu.root", "."));

    @TempDir
    Path out;

    record Run(int status, String output) {
    }

    private static Run run(List<String> command, Path outDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PRUNEPROOF_GPU_JDK", System.getProperty("java.home"));
        pb.environment().remove("LD_LIBRARY_PATH");
        if (outDir != null) {
            pb.environment().put("OUT", outDir.toString());
        }
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Run(p.exitValue(), text);
    }

    @BeforeAll
    static void packageTheBundle() throws IOException, InterruptedException {
        Run r = run(List.of("bash", GPU.resolve("package-device-bundle").toString()), null);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("device bundle"), r.output());
    }

    @Test
    void theBundleHoldsOnlyJavaBaseAndNoNd4j() throws IOException {
        Path bundle = GPU.resolve("target/device-bundle");
        String release = Files.readString(bundle.resolve("runtime/release"));
        assertTrue(release.contains("MODULES=\"java.base\""), release);
        try (var jars = Files.list(bundle.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> expected = new java.util.ArrayList<>();
            for (String entry : Files.readString(GPU.resolve("target/runtime-classpath.txt")).strip().split(":")) {
                expected.add(Path.of(entry).getFileName().toString());
            }
            expected.add("pruneproof-gpu.jar");
            assertEquals(expected.stream().sorted().toList(), names, "exactly the runtime class path and the module's jar");
            assertFalse(names.stream().anyMatch(n -> n.contains("nd4j") || n.contains("javacpp") || n.contains("openblas")),
                    names.toString());
        }
    }

    @Test
    void theDryRunChecksTheSelectionsOnTheCpuAndSaysNoGpuWasUsed() throws IOException, InterruptedException {
        Run r = run(List.of("bash", GPU.resolve("device-check").toString(), "--dry-run", "--instances", "60"), out);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("DRY RUN on the CPU: no GPU is used"), r.output());
        assertTrue(r.output().contains("60 instances of crosscheck.greedy-selection (seed 20201), 300 runs"), r.output());
        assertTrue(r.output().contains(" 0 FAIL"), r.output());
        assertTrue(r.output().contains("DRY RUN: nothing above ran on a GPU"), r.output());
        JsonNode json = JsonFiles.mapper().readTree(out.resolve("results.json").toFile());
        assertEquals("dry-run", json.path("mode").asText(), json.toString());
        assertTrue(json.path("selectionsFailed").isIntegralNumber() && json.path("selectionsFailed").asInt() == 0, json.toString());
        assertTrue(json.path("benchStepSeconds").isNumber(), json.toString());
        assertTrue(Files.exists(out.resolve("torch.json")), "the PyTorch peer writes torch.json, skipped or not");
        assertTrue(Files.readString(out.resolve("summary.txt")).contains("Java check status 0"));
    }

    @Test
    void withoutDryRunAMachineWithoutCudaIsRefusedInOneLine() throws IOException, InterruptedException {
        boolean driver;
        try {
            SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
            driver = true;
        } catch (IllegalArgumentException e) {
            driver = false;
        }
        Assumptions.assumeFalse(driver, "SKIPPED: this machine has libcuda.so.1; the no-GPU refusal cannot be shown here");
        Run r = run(List.of("bash", GPU.resolve("device-check").toString(), "--instances", "5"), out);
        assertEquals(3, r.status(), r.output());
        assertTrue(r.output().contains("NO GPU FOUND: libcuda.so.1 (CUDA driver API) not found; looked in"), r.output());
        JsonNode json = JsonFiles.mapper().readTree(out.resolve("results.json").toFile());
        assertEquals("no-gpu", json.path("mode").asText(), json.toString());
        assertTrue(json.path("noGpu").asText().contains("libcuda.so.1"), json.toString());
    }

    @Test
    void badOptionsAreRefusedWithStatus2AndNoStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, DeviceCheck.run(new String[] {"--out", out.toString(), "--instances", "zero"}, o, e));
        assertEquals(2, DeviceCheck.run(new String[] {"--dry-run"}, o, e));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--instances expects a positive integer, got 'zero'"), text);
        assertTrue(text.contains("--out DIR is required"), text);
        assertFalse(text.contains("Exception"), text);
    }
}
