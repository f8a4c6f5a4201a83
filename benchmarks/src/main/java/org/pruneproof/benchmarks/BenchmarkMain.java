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
 * </pre>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean large = false;
        String include = "org\\.pruneproof\\.benchmarks\\..*";
        Path json = Path.of("benchmarks/target/jmh.json");
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--large" -> large = true;
                case "--include" -> include = args[++k];
                case "--out" -> json = Path.of(args[++k]);
                case "--table" -> {
                    RatioTable.print(Path.of(args[++k]), System.out);
                    return;
                }
                default -> {
                    System.err.println("benchmarks: unknown option " + args[k]
                            + " (expected --large, --include REGEX, --out FILE, --table FILE)");
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
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvm.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (large) {
            opts.param("bytes", "1000000", "16000000", "256000000", "1000000000");
        }
        new Runner(opts.build()).run();
        System.out.println();
        RatioTable.print(json, System.out);
    }
}
