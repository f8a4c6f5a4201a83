package org.pruneproof.verification.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pruneproof.reports.results.RunInfo;

/** Facts about the machine and the working tree, recorded with every run (provenance). */
public final class Environment {

    private Environment() {
    }

    /** The run information for a run that started at {@code start} and took {@code durationMs}. */
    public static RunInfo describe(RunConfig config, Instant start, long durationMs, String backend) {
        Runtime rt = Runtime.getRuntime();
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("ejml", packageVersion("org.ejml.data.DMatrixRMaj", "0.46.1"));
        libs.put("commons-math3", packageVersion("org.apache.commons.math3.util.FastMath", "3.6.1"));
        libs.put("nd4j", packageVersion("org.nd4j.linalg.factory.Nd4j", "1.0.0-M2.1"));
        return new RunInfo(
                packageVersion("org.pruneproof.verification.engine.Environment", "0.1.0-SNAPSHOT"),
                config.command(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), rt.availableProcessors(), rt.maxMemory() / (1024 * 1024), backend,
                config.seed(), config.describeBudget(), gitCommit(config.root()), start.toString(), durationMs, libs);
    }

    private static String packageVersion(String className, String fallback) {
        try {
            Package p = Class.forName(className, false, Environment.class.getClassLoader()).getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? fallback : v;
        } catch (ClassNotFoundException | LinkageError e) {
            return fallback + " (not on class path)";
        }
    }

    /** The CPU model from /proc/cpuinfo, or the architecture. */
    public static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through
            }
        }
        return System.getProperty("os.arch");
    }

    /** {@code git describe}-like commit of the working tree, "-dirty" when modified; "unknown" without git. */
    public static String gitCommit(Path root) {
        String head = git(root, "rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git(root, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path root, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = root.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
