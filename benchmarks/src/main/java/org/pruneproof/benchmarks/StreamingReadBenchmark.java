package org.pruneproof.benchmarks;

import java.util.concurrent.TimeUnit;
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

/**
 * The machine's own limit for a pass over B bytes: kernels that only read a B-byte buffer once.
 * {@link RatioTable} takes the fastest of them at each B as the streaming-read bandwidth.
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

        @Setup(Level.Trial)
        public void setUp() {
            x = Sizes.gaussian(DataType.FLOAT, 1, bytes / 4, 3);
        }
    }

    /** A B-byte long[] on the Java heap. */
    @State(Scope.Benchmark)
    public static class HeapBuffer {
        @Param({"1000000", "16000000", "256000000"})
        public long bytes;

        long[] x;

        @Setup(Level.Trial)
        public void setUp() {
            x = new long[(int) (bytes / 8)];
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (int k = 0; k < x.length; k++) {
                x[k] = r.nextLong();
            }
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
