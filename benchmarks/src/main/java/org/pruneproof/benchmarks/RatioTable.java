package org.pruneproof.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pruneproof.scaled.twolayer.GradientIteration;

/**
 * Turns a JMH JSON result file into ratios against the machine's own limits measured in the same run:
 * <ul>
 *   <li>greedy step: bytes of Φ read per step ÷ time per step, divided by the streaming-read
 *       bandwidth at the same size (the fastest {@link StreamingReadBenchmark} kernel);</li>
 *   <li>GEMM: ND4J's throughput in flop/s, printed as the limit for training benchmarks;</li>
 *   <li>SNIP scoring: {@link SnipScoringBenchmark#flops()} ÷ time, divided by the GEMM flop/s of the same
 *       precision.</li>
 *   <li>gradient-descent iteration: its flop count ({@link GradientIteration#flopsPerIteration}) ÷ time,
 *       divided by the GEMM throughput of the same precision in the same run.</li>
 * </ul>
 * The goal of issue 6: scaled float32 greedy step ≥ 0.70 of streaming read for Φ ≥ 256 MB.
 *
 * <p>Two ratios per row: of the means over all measured iterations (JMH's score), and of the fastest
 * iterations (numerator and limit each from its own fastest iteration). On a shared host the load
 * changes between benchmarks, so the mean ratio can be far off in either direction; the fastest
 * iterations estimate the unloaded machine. The goal is judged on the mean ratio.
 */
public final class RatioTable {

    /** The goal: greedy step bandwidth ÷ streaming-read bandwidth for float32 features ≥ 256 MB. */
    public static final double GOAL = 0.70;
    private static final long GOAL_BYTES = 256_000_000L;

    private RatioTable() {
    }

    private record Row(String benchmark, Map<String, String> params, double msPerOp, double bestMsPerOp) {
        String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        String type() {
            String s = benchmark.substring(0, benchmark.lastIndexOf('.'));
            return s.substring(s.lastIndexOf('.') + 1);
        }
    }

    private static String fmtMb(long bytes) {
        double mb = bytes / 1e6;
        return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb);
    }

    /** The gradient-descent rows: flop/s of one iteration ÷ ND4J GEMM flop/s of the same precision. */
    private static void printTraining(List<Row> rows, PrintStream out) {
        Map<String, Double> gemm = new TreeMap<>();
        for (Row r : rows) {
            if (r.type().equals("GemmBenchmark")) {
                int n = Integer.parseInt(r.params().get("n"));
                gemm.merge(r.params().get("precision"), 2.0 * n * n * n / (r.msPerOp() / 1e3), Math::max);
            }
        }
        boolean header = false;
        for (Row r : rows) {
            if (!r.type().equals("GradientDescentBenchmark")) {
                continue;
            }
            if (!header) {
                out.println();
                out.println("| what | N × m × d | GFLOP/s | ÷ ND4J GEMM flop/s (same precision, same run) |");
                out.println("|---|---|---:|---:|");
                header = true;
            }
            long n = Long.parseLong(r.params().get("neurons"));
            long m = Long.parseLong(r.params().get("points"));
            long d = Long.parseLong(r.params().get("dimension"));
            String precision = r.params().get("precision");
            double flops = GradientIteration.flopsPerIteration(n, m, d) / (r.msPerOp() / 1e3);
            Double limit = gemm.get(precision);
            out.printf(Locale.ROOT, "| gradient-descent iteration (scaled, output trained), %s | %d × %d × %d | %.1f | %s |%n",
                    precision, n, m, d, flops / 1e9, limit == null ? "– (GEMM not measured)"
                            : String.format(Locale.ROOT, "%.2f", flops / limit));
        }
    }

    /** Reads a JMH JSON file and prints the ratio table (Markdown). */
    public static void print(Path jmhJson, PrintStream out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(jmhJson.toFile())) {
            Map<String, String> params = new TreeMap<>();
            if (b.has("params")) {
                b.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            double score = b.get("primaryMetric").get("score").asDouble();
            String unit = b.get("primaryMetric").get("scoreUnit").asText();
            if (!unit.equals("ms/op")) {
                throw new IllegalArgumentException(jmhJson + ": expected scores in ms/op, got " + unit);
            }
            double best = score;
            for (JsonNode fork : b.get("primaryMetric").path("rawData")) {
                for (JsonNode iteration : fork) {
                    best = Math.min(best, iteration.asDouble());
                }
            }
            rows.add(new Row(b.get("benchmark").asText(), params, score, best));
        }
        Map<Long, double[]> readLimit = new TreeMap<>();
        Map<Long, String> readKernel = new TreeMap<>();
        for (Row r : rows) {
            if (r.type().equals("StreamingReadBenchmark")) {
                long bytes = Long.parseLong(r.params().get("bytes"));
                double bw = bytes / (r.msPerOp() / 1e3);
                double bestBw = bytes / (r.bestMsPerOp() / 1e3);
                double[] limit = readLimit.computeIfAbsent(bytes, b -> new double[2]);
                if (bw > limit[0]) {
                    limit[0] = bw;
                    readKernel.put(bytes, r.method());
                }
                limit[1] = Math.max(limit[1], bestBw);
            }
        }
        out.println("| features | what | N × m | bytes/s ÷ streaming-read bytes/s (means) | (fastest iterations) | limit kernel |");
        out.println("|---:|---|---|---:|---:|---|");
        boolean goalChecked = false;
        boolean goalMet = true;
        for (Row r : rows) {
            if (!r.type().equals("GreedyStepBenchmark")) {
                continue;
            }
            long bytes = Long.parseLong(r.params().get("bytes"));
            String precision = r.method().equals("referenceStep") ? "float64" : r.params().get("precision");
            int elem = precision.equals("float32") ? 4 : 8;
            int n = Sizes.neurons(bytes, elem);
            long actual = (long) n * Sizes.POINTS * elem;
            double[] limit = readLimit.get(bytes);
            String engine = switch (r.method()) {
                case "referenceStep" -> "reference step (EJML storage, Java)";
                case "blasGemvOnly" -> "bare GEMV Φr only (OpenBLAS cblas_?gemv, as the step calls it)";
                case "nd4jGemmOnly" -> "bare Φr through ND4J's Nd4j.gemm (libnd4j matmul; the old step)";
                default -> "scaled step (ND4J)";
            } + ", " + precision;
            String ratio = "–";
            String bestRatio = "–";
            if (limit != null) {
                double v = actual / (r.msPerOp() / 1e3) / limit[0];
                ratio = String.format(Locale.ROOT, "%.2f", v);
                bestRatio = String.format(Locale.ROOT, "%.2f", actual / (r.bestMsPerOp() / 1e3) / limit[1]);
                if (r.method().equals("scaledStep") && precision.equals("float32") && bytes >= GOAL_BYTES) {
                    goalChecked = true;
                    goalMet &= v >= GOAL;
                }
            }
            out.printf(Locale.ROOT, "| %s MB | %s | %d × %d | %s | %s | %s |%n", fmtMb(bytes), engine, n, Sizes.POINTS, ratio,
                    bestRatio, readKernel.getOrDefault(bytes, "not measured"));
        }
        out.println();
        for (Row r : rows) {
            if (r.type().equals("GemmBenchmark")) {
                int n = Integer.parseInt(r.params().get("n"));
                double flops = 2.0 * n * n * n / (r.msPerOp() / 1e3);
                out.printf(Locale.ROOT, "ND4J GEMM %s %d³ (the limit for training benchmarks): %.1f GFLOP/s%n",
                        r.params().get("precision"), n, flops / 1e9);
            }
        }
        printSnip(rows, out);
        printTraining(rows, out);
        if (goalChecked) {
            out.printf(Locale.ROOT, "Goal (scaled float32 greedy step ≥ %.2f of streaming read for features ≥ 256 MB): %s%n",
                    GOAL, goalMet ? "met" : "NOT met");
        }
    }

    /** SNIP scoring (forward + backward + scores of a FC net) as a fraction of GEMM throughput, same precision. */
    private static void printSnip(List<Row> rows, PrintStream out) {
        Map<String, Double> gemm = new TreeMap<>();
        for (Row r : rows) {
            if (r.type().equals("GemmBenchmark")) {
                int n = Integer.parseInt(r.params().get("n"));
                gemm.put(r.params().get("precision"), 2.0 * n * n * n / (r.msPerOp() / 1e3));
            }
        }
        boolean header = false;
        for (Row r : rows) {
            if (!r.type().equals("SnipScoringBenchmark")) {
                continue;
            }
            if (!header) {
                out.println();
                out.printf(Locale.ROOT, "SNIP scoring, FC ReLU net %d×%d, %d layers, %d classes (M = %d weights), batch %d, %.3g GFLOP:%n",
                        SnipScoringBenchmark.WIDTH, SnipScoringBenchmark.WIDTH, SnipScoringBenchmark.DEPTH,
                        SnipScoringBenchmark.CLASSES, SnipScoringBenchmark.weights(), SnipScoringBenchmark.BATCH,
                        SnipScoringBenchmark.flops() / 1e9);
                out.println("| what | precision | ms | GFLOP/s | ÷ ND4J GEMM GFLOP/s |");
                out.println("|---|---|---:|---:|---:|");
                header = true;
            }
            String p = r.params().get("precision");
            double rate = SnipScoringBenchmark.flops() / (r.msPerOp() / 1e3);
            Double limit = gemm.get(p);
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s |%n",
                    r.method().equals("snipScores") ? "SNIP scores (forward, backward, |W ⊙ G|)" : "forward + backward only",
                    p, r.msPerOp(), rate / 1e9, limit == null ? "–" : String.format(Locale.ROOT, "%.2f", rate / limit));
        }
    }
}
