package org.pruneproof.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.twolayer.GradientIteration;
import org.pruneproof.scaled.twolayer.ScaledTwoLayerNetwork;
import org.pruneproof.theory.twolayer.Scaling;

/**
 * One full-batch gradient-descent iteration of the scaled engine on a two-layer ReLU network (width N,
 * m points in R^d, output layer trained, NTK scaling): the forward pass and one update of
 * {@link GradientIteration}. Reported as flop/s ÷ ND4J's own GEMM flop/s measured in the same run
 * ({@link GemmBenchmark}, same precision; see {@link RatioTable}).
 *
 * <p>Floating-point operations of one iteration ({@link GradientIteration#flopsPerIteration}):
 * <pre>
 *   Z = W·X                      2·N·m·d   (GEMM)
 *   H = σ(Z)                     N·m
 *   u = c_N·bᵀH                  2·N·m     (GEMV)
 *   G = σ'(Z) ⊙ b·Rᵀ             3·N·m     (mask, two broadcast products)
 *   W ← W − s·G·Xᵀ               2·N·m·d + N·d   (GEMM with β = 1)
 *   b ← b − s·H·R                2·N·m + N       (GEMV with β = 1)
 *   total                        4·N·m·d + 8·N·m + N·d + N
 * </pre>
 * At N = 4096, m = 8192, d = 784 that is 1.055·10¹¹ flops, 99.7 % of them in the two GEMMs. The loss
 * (m subtractions and squares in Java double) and the copy of u to the Java heap are not counted.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class GradientDescentBenchmark {

    /** N, the width. */
    @Param({"4096"})
    public int neurons;

    /** m, the number of training points. */
    @Param({"8192"})
    public int points;

    /** d, the input dimension (MNIST-sized). */
    @Param({"784"})
    public int dimension;

    @Param({"float32", "float64"})
    public String precision;

    GradientIteration state;

    @Setup(Level.Trial)
    public void setUp() {
        Precision p = Precision.parse(precision);
        INDArray w = Sizes.gaussian(p.dataType(), neurons, dimension, 7);
        INDArray b = Sizes.gaussian(p.dataType(), neurons, 1, 8).reshape(neurons);
        INDArray x = Sizes.gaussian(p.dataType(), dimension, points, 9).divi(Math.sqrt(dimension));
        ScaledTwoLayerNetwork net = new ScaledTwoLayerNetwork(w, b, Scaling.NTK);
        // a step small enough that repeated iterations stay finite (timing does not depend on it otherwise)
        state = new GradientIteration(net, x, Sizes.gaussianVector(points, 10), 1e-6 / points, true);
    }

    /** Forward pass and one update; returns the loss so that nothing is optimised away. */
    @Benchmark
    public double iteration() {
        double loss = state.forward();
        state.step(null);
        return loss;
    }
}
