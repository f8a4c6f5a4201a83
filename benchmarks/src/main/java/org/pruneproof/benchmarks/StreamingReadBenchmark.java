package org.pruneproof.benchmarks;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The machine's own limit for a pass over B bytes: kernels that only read a B-byte buffer once.
 * {@link RatioTable} takes the fastest of them at each B as the streaming-read bandwidth. OpenBLAS
 * 0.3.19's dot runs on one thread, so the two-thread kernels split the buffer in halves, one per core
 * (a GEMV on two threads reads faster than a one-thread dot).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StreamingReadBenchmark {

    /** A B-byte float32 buffer in native memory, as the scaled engine holds Φ. */
    @State(Scope.Benchmark)
    public static class NativeBuffer {
        @Param({"1000000", "16000000", "256000000"})
        public long bytes;

        INDArray x;
        FloatPointer first;
        FloatPointer second;
        int half;
        ExecutorService helper;

        @Setup(Level.Trial)
        public void setUp() {
            x = Sizes.gaussian(DataType.FLOAT, 1, bytes / 4, 3);
            half = (int) (x.length() / 2);
            first = new FloatPointer(x.data().addressPointer());
            second = new FloatPointer(x.data().addressPointer()).position(half);
            helper = Executors.newSingleThreadExecutor();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            helper.shutdown();
        }
    }

    /** A B-byte long[] on the Java heap. */
    @State(Scope.Benchmark)
    public static class HeapBuffer {
        @Param({"1000000", "16000000", "256000000"})
        public long bytes;

        long[] x;
        ExecutorService helper;

        @TearDown(Level.Trial)
        public void tearDown() {
            helper.shutdown();
        }

        @Setup(Level.Trial)
        public void setUp() {
            x = new long[(int) (bytes / 8)];
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (int k = 0; k < x.length; k++) {
                x[k] = r.nextLong();
            }
            helper = Executors.newSingleThreadExecutor();
        }
    }

    /** ND4J's sum reduction (native, vectorised, all OpenMP threads). */
    @Benchmark
    public double nd4jSum(NativeBuffer b) {
        return b.x.sumNumber().doubleValue();
    }

    /** BLAS dot(x, x) (OpenBLAS, the same library as the greedy GEMV): reads x once. */
    @Benchmark
    public double blasDot(NativeBuffer b) {
        return Nd4j.getBlasWrapper().dot(b.x, b.x);
    }

    /** OpenBLAS dot(x, x) on two threads: this thread reads one half, a helper thread the other. */
    @Benchmark
    public double blasDotTwoThreads(NativeBuffer b) throws InterruptedException, ExecutionException {
        int rest = (int) (b.x.length() - b.half);
        Future<Float> other = b.helper.submit(() -> openblas.cblas_sdot(rest, b.second, 1, b.second, 1));
        float mine = openblas.cblas_sdot(b.half, b.first, 1, b.first, 1);
        return mine + other.get();
    }

    /** The Java sum of longs on two threads (one half each). */
    @Benchmark
    public long javaSumTwoThreads(HeapBuffer b) throws InterruptedException, ExecutionException {
        int half = b.x.length / 2;
        Future<Long> other = b.helper.submit(() -> sum(b.x, half, b.x.length));
        return sum(b.x, 0, half) + other.get();
    }

    private static long sum(long[] x, int from, int to) {
        long s = 0;
        for (int k = from; k < to; k++) {
            s += x[k];
        }
        return s;
    }

    /** A plain Java sum of longs (one thread, vectorised by C2). */
    @Benchmark
    public long javaSum(HeapBuffer b) {
        long s = 0;
        for (long v : b.x) {
            s += v;
        }
        return s;
    }
}
