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
 * ND4J's own GEMM throughput (C = A·B, n×n, 2n³ flops): the limit against which training
 * benchmarks (a gradient-descent iteration is a few GEMMs) are reported.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class GemmBenchmark {

    @Param({"1024"})
    public int n;

    @Param({"float32", "float64"})
    public String precision;

    INDArray a;
    INDArray b;
    INDArray c;

    @Setup(Level.Trial)
    public void setUp() {
        DataType t = precision.equals("float32") ? DataType.FLOAT : DataType.DOUBLE;
        a = Sizes.gaussian(t, n, n, 4);
        b = Sizes.gaussian(t, n, n, 5);
        c = Nd4j.create(t, n, n);
    }

    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
}
