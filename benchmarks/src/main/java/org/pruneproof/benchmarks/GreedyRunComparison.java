package org.pruneproof.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.Features;
import org.pruneproof.scaled.greedy.GreedySelector;
import org.pruneproof.scaled.greedy.Replacement;

/**
 * Whole greedy runs with replacement, side by side in one JVM: the selector that reuses Φy and the
 * chosen neurons' columns against the one that makes a pass over Φ every step, on a seeded Gaussian
 * float32 Φ (N × m), interleaved repeats, medians. Also the first step's read bandwidth (B / time of
 * step 1, whose cost is the pass for Φy) against the streaming-read bandwidth measured in the same
 * run (the fastest of five two-thread OpenBLAS {@code sdot} reads of Φ), next to a bare {@code cblas_sgemv} of Φ timed
 * just before each repeat (what the first step does besides its O(N + m) bookkeeping), and the second step's (which
 * makes the pass for Φy, the first chosen neuron's column and the speculative columns, {@code FloatLaneRowDots}),
 * likewise. The script
 * {@code benchmarks/greedy-runs} also times a plain NumPy sum over a float32 array of Φ's size in the same run.
 *
 * <pre>  benchmarks/greedy-runs N m STEPS REPEATS [BEFORE_STEPS]</pre>
 * BEFORE_STEPS (default STEPS) shortens the one-pass-per-step run when STEPS of it would take too
 * long; its time is then scaled per step, and the table says so.
 */
public final class GreedyRunComparison {

    private GreedyRunComparison() {
    }

    private record Result(double seconds, double firstStepSeconds, double secondStepSeconds, int[] selected, long passes,
                          double meanRefined, double passStepSeconds) {
    }

    private static Result run(GreedySelector s, int steps) {
        int[] sel = new int[steps];
        long refined = 0;
        long start = System.nanoTime();
        long first = 0;
        long second = 0;
        long inPassSteps = 0;
        for (int k = 0; k < steps; k++) {
            long before = s.passesOverFeatures();
            long t0 = System.nanoTime();
            sel[k] = s.step();
            if (s.passesOverFeatures() > before) {
                inPassSteps += System.nanoTime() - t0;
            }
            refined += s.lastRefined();
            if (k == 0) {
                first = System.nanoTime() - start;
            } else if (k == 1) {
                second = System.nanoTime() - start - first;
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Result(seconds, first * 1e-9, second * 1e-9, sel, s.passesOverFeatures(), (double) refined / steps,
                inPassSteps * 1e-9);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Bytes per second of the fastest of five two-thread sdot reads of the whole buffer. */
    private static double streamingRead(Features phi) throws Exception {
        long count = (long) phi.neurons() * phi.points();
        int half = (int) (count / 2);
        int rest = (int) (count - half);
        FloatPointer a = new FloatPointer(phi.matrix().data().addressPointer());
        FloatPointer b = new FloatPointer(phi.matrix().data().addressPointer()).position(half);
        ExecutorService helper = Executors.newSingleThreadExecutor();
        double best = Double.POSITIVE_INFINITY;
        try {
            for (int t = 0; t < 5; t++) {
                long start = System.nanoTime();
                Future<Float> other = helper.submit(() -> openblas.cblas_sdot(rest, b, 1, b, 1));
                float mine = openblas.cblas_sdot(half, a, 1, a, 1);
                if (Float.isNaN(mine + other.get())) {
                    throw new IllegalStateException("NaN in the read");
                }
                best = Math.min(best, (System.nanoTime() - start) * 1e-9);
            }
        } finally {
            helper.shutdown();
        }
        return phi.bytes() / best;
    }

    /** Seconds of one bare two-thread OpenBLAS sgemv of Φ with a fixed vector (as the first greedy step makes). */
    private static double bareGemv(Features phi) {
        int n = phi.neurons();
        int m = phi.points();
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, m, 1);
        org.nd4j.linalg.api.ndarray.INDArray out = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, n, 1);
        FloatPointer a = new FloatPointer(phi.matrix().data().addressPointer());
        FloatPointer xp = new FloatPointer(x.data().addressPointer());
        FloatPointer op = new FloatPointer(out.data().addressPointer());
        long start = System.nanoTime();
        openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasNoTrans, n, m, 1f, a, m, xp, 1, 0f, op, 1);
        double seconds = (System.nanoTime() - start) * 1e-9;
        java.lang.ref.Reference.reachabilityFence(phi);
        return seconds;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("greedy-runs: expected N m STEPS REPEATS [BEFORE_STEPS]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int m = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int beforeSteps = args.length == 5 ? Integer.parseInt(args[4]) : steps;
        System.out.println("date " + java.time.ZonedDateTime.now() + ", load before: " + load());
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", OpenBLAS threads "
                + openblas.blas_get_num_threads() + ", cores " + Runtime.getRuntime().availableProcessors());
        Features phi = Features.of(Sizes.gaussian(DataType.FLOAT, n, m, 1), Precision.FLOAT32);
        double[] y = Sizes.gaussianVector(m, 2);
        double bandwidth = streamingRead(phi);
        System.out.printf("Φ float32 %d × %d (%.0f MiB); streaming read %.2f GB/s%n", n, m, phi.bytes() / 1048576.0,
                bandwidth / 1e9);
        double[] after = new double[repeats];
        double[] before = new double[repeats];
        double[] first = new double[repeats];
        double[] second = new double[repeats];
        double[] gemv = new double[repeats];
        Result reused = null;
        Result perStep = null;
        for (int k = 0; k < repeats; k++) {
            gemv[k] = bareGemv(phi);
            reused = run(new GreedySelector(phi, y, Replacement.WITH, null), steps);
            perStep = run(GreedySelector.onePassPerStep(phi, y, Replacement.WITH, null), beforeSteps);
            int common = Math.min(steps, beforeSteps);
            if (!Arrays.equals(Arrays.copyOf(reused.selected(), common), Arrays.copyOf(perStep.selected(), common))) {
                throw new IllegalStateException("the two selectors chose differently in the first " + common + " steps");
            }
            after[k] = reused.seconds();
            before[k] = perStep.seconds() * steps / beforeSteps;
            first[k] = reused.firstStepSeconds();
            second[k] = reused.secondStepSeconds();
            System.out.printf("repeat %d: reused %.3f s (first step %.4f s, bare sgemv before it %.4f s), one pass per step"
                            + " %.3f s (%d steps), load %s%n", k + 1, reused.seconds(), reused.firstStepSeconds(), gemv[k],
                    perStep.seconds(), beforeSteps, load());
        }
        long distinct = Arrays.stream(reused.selected()).distinct().count();
        System.out.printf("%d steps: %d distinct neurons, %d passes over Φ (reused) vs %d (one per step); "
                        + "mean candidates re-evaluated per step %.1f (reused) vs %.1f (one per step, first %d steps)%n",
                steps, distinct, reused.passes(), perStep.passes(), reused.meanRefined(), perStep.meanRefined(), beforeSteps);
        System.out.printf("last repeat, reused: %.2f s in the %d steps that made a pass over Φ, %.2f s in the other steps%n",
                reused.passStepSeconds(), reused.passes(), reused.seconds() - reused.passStepSeconds());
        System.out.printf("median time for %d steps: one pass per step %.2f s%s, reused %.2f s: ratio %.1f×%n", steps,
                median(before), beforeSteps == steps ? "" : " (scaled from " + beforeSteps + " steps)", median(after),
                median(before) / median(after));
        System.out.printf("first step %.4f s: %.2f GB/s = %.2f of the streaming read; a bare sgemv %.4f s = %.2f of it%n",
                median(first), phi.bytes() / median(first) / 1e9, phi.bytes() / median(first) / bandwidth, median(gemv),
                phi.bytes() / median(gemv) / bandwidth);
        System.out.printf("second step (one pass for Φy, the first column and the speculative ones) %.4f s: %.2f GB/s = %.2f"
                + " of the streaming read%n", median(second), phi.bytes() / median(second) / 1e9,
                phi.bytes() / median(second) / bandwidth);
        System.out.println("load after: " + load());
    }
}
