package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every command, given a value that no run can honour (negative, not finite,
 * beyond the type's range) — and, for the commands that size arrays from their options, values far beyond
 * what the machine can hold — is refused with one line naming the option, exit status 2, before anything is
 * allocated; never a stack trace or an out-of-memory error. Walked from the command tree, so a numeric
 * option added later is covered by construction. (A huge but valid budget such as {@code check --tries
 * 2000000000} is not absurd: the claim's time limit bounds it.)
 */
class AbsurdSizesTest {

    @TempDir
    static Path dir;

    /** Valid arguments for each command that takes numbers, so that only the option under test is wrong. */
    private static List<String> base(String command) throws IOException {
        Path phi = dir.resolve("phi.npy");
        Path y = dir.resolve("y.npy");
        Path w = dir.resolve("W");
        if (!Files.exists(phi)) {
            Npy.write(phi, NpyArray.ofDoubles(new double[] {1, 0, 0, 1, 1, 1}, 3, 2));
            Npy.write(y, NpyArray.ofDoubles(new double[] {0.5, 0.5}, 2));
            Files.createDirectories(w);
            Npy.write(w.resolve("W1.npy"), NpyArray.ofDoubles(new double[] {1, -1, 0.5, 2}, 2, 2));
            Npy.write(w.resolve("W2.npy"), NpyArray.ofDoubles(new double[] {1, 1, -1, 0.5}, 2, 2));
            Npy.write(dir.resolve("x.npy"), NpyArray.ofDoubles(new double[] {1, 2, 3, 4}, 2, 2));
            Npy.write(dir.resolve("labels.npy"), NpyArray.ofInts(new int[] {0, 1}, 2));
        }
        Path out = dir.resolve("out-" + command + "-" + System.nanoTime());
        return switch (command) {
            case "greedy" -> List.of("--features", phi.toString(), "--target", y.toString(), "--steps", "2", "--out", out + ".json");
            case "prune" -> List.of("--model", "cifar-resnet32", "--method", "snip", "--input-size", "8", "--batch", "2",
                    "--width-multiplier", "0.25", "--out", out.toString());
            case "prune-at-init" -> List.of("--method", "snip", "--sparsity", "0.5", "--weights", w.toString(), "--inputs",
                    dir.resolve("x.npy").toString(), "--labels", dir.resolve("labels.npy").toString(), "--out", out.toString());
            case "eoc" -> List.of("--activation", "tanh", "--sigma-b", "0.2");
            case "evaluate" -> List.of("--model", "cifar-resnet8", "--weights", dir.resolve("none").toString(), "--data", dir.toString(),
                    "--out", out.toString());
            case "train" -> List.of("--model", "cifar-resnet8", "--data", dir.toString(), "--out", out.toString());
            case "sweep" -> List.of("--models", "cifar-resnet8", "--methods", "snip", "--sparsities", "0.5", "--input-size", "8",
                    "--batch", "2", "--width-multiplier", "0.25", "--out", out.toString());
            case "check", "replay" -> List.of("ye2020.first-step", "--root", dir.toString());
            default -> List.of("--root", dir.toString());
        };
    }

    /** Commands whose numeric options size arrays: a huge value must be refused, not attempted. */
    private static final java.util.Set<String> SIZING = java.util.Set.of("prune", "prune-at-init", "greedy", "eoc");

    /** Options where any value of the type is meaningful. */
    private static final java.util.Set<String> NOT_A_SIZE = java.util.Set.of("--seed");
    /**
     * Sizes capped by the job itself: candidates per greedy step (a huge value scores every channel) and
     * candidates per pass (at most candidates + 1 are used).
     */
    private static final java.util.Set<String> CAPPED = java.util.Set.of("--candidates", "--candidates-per-pass");

    static Stream<Object[]> numericOptions() {
        List<Object[]> cases = new ArrayList<>();
        CommandLine cl = Main.commandLine();
        for (var e : cl.getSubcommands().entrySet()) {
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                Class<?> t = o.type();
                boolean numeric = t == int.class || t == Integer.class || t == long.class || t == Long.class
                        || t == double.class || t == Double.class;
                if (numeric && !NOT_A_SIZE.contains(o.longestName())) {
                    boolean real = t == double.class || t == Double.class;
                    List<String> values = new ArrayList<>(real ? List.of("-1e300", "NaN", "-Infinity") : List.of("-2000000000", "99999999999999999999"));
                    if (SIZING.contains(e.getKey()) && !CAPPED.contains(o.longestName())) {
                        values.add(real ? "1e300" : "2000000000");
                        values.add(real ? "Infinity" : "-1");
                    }
                    for (String v : values) {
                        cases.add(new Object[] {e.getKey(), o.longestName(), v});
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("numericOptions")
    void anAbsurdValueIsAOneLineUsageErrorNamingTheOption(String command, String option, String value) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(command);
        List<String> base = base(command);
        for (int k = 0; k < base.size(); k++) {
            if (base.get(k).equals(option)) {
                k++;  // replaced below
            } else {
                args.add(base.get(k));
            }
        }
        args.add(option);
        args.add(value);
        StringWriter err = new StringWriter();
        System.err.println("AbsurdSizesTest: " + String.join(" ", args));
        int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)),
                "refused at once, not attempted: " + String.join(" ", args));
        String e = err.toString();
        assertEquals(Main.USAGE, status, String.join(" ", args) + " → " + e);
        assertTrue(e.contains(option), "names " + option + ": " + e);
        assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack trace or exception name: " + e);
    }
}
