package org.pruneproof.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints the ratio table ({@link RatioTable}). Used by {@code benchmarks/run}.
 *
 * <pre>
 *   benchmarks/run                 # sizes 1e6, 1.6e7, 2.56e8 bytes; short iterations (a few minutes)
 *   benchmarks/run --large         # adds the 1e9-byte features (needs ~4 GB free memory)
 *   benchmarks/run --table FILE    # only print the table of an earlier JMH JSON file
 *   benchmarks/run --include REGEX # only some benchmarks (JMH include pattern)
 *   benchmarks/run --forks K       # K JVM forks per benchmark (default 1)
 *   benchmarks/run --bytes B1,B2   # only these feature sizes (bytes)
 * </pre>
 * The load average (/proc/loadavg) is printed before and after the run, as the host may be shared.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) throws Exception {
        boolean large = false;
        int forks = 1;
        String[] bytes = null;
        String include = "org\\.pruneproof\\.benchmarks\\..*";
        Path json = Path.of("benchmarks/target/jmh.json");
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--large" -> large = true;
                case "--include" -> include = args[++k];
                case "--out" -> json = Path.of(args[++k]);
                case "--forks" -> forks = Integer.parseInt(args[++k]);
                case "--bytes" -> bytes = args[++k].split(",");
                case "--table" -> {
                    RatioTable.print(Path.of(args[++k]), System.out);
                    return;
                }
                default -> {
                    System.err.println("benchmarks: unknown option " + args[k]
                            + " (expected --large, --include REGEX, --out FILE, --forks K, --bytes B1,B2, --table FILE)");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", large ? "-Xmx6g" : "-Xmx3g"));
        if (Runtime.version().feature() >= 23) {
            jvm.add("--sun-misc-unsafe-memory-access=allow");
        }
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(include)
                .forks(forks)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvm.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (bytes != null) {
            opts.param("bytes", bytes);
        } else if (large) {
            opts.param("bytes", "1000000", "16000000", "256000000", "1000000000");
        }
        String before = loadAverage();
        new Runner(opts.build()).run();
        System.out.println();
        System.out.println("load average (1, 5, 15 min) before: " + before + "; after: " + loadAverage());
        RatioTable.print(json, System.out);
    }
}
