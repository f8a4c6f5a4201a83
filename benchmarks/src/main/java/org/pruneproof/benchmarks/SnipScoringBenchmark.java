package org.pruneproof.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DenseNetwork;
import org.pruneproof.scaled.pruning.DensePruning;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * SNIP scoring of a fully connected ReLU network ({@link DensePruning#scores}, what {@code prune-at-init --method
 * snip} computes): one forward and one backward pass on a batch, then |W ⊙ ∂loss/∂W| for every weight. Reported as a
 * fraction of ND4J's own GEMM throughput in the same run ({@link GemmBenchmark}).
 *
 * <p>Network: d = N = {@link #WIDTH} inputs and hidden units, {@link #DEPTH} layers, {@link #CLASSES} classes, so
 * M = (DEPTH − 1)·N² + CLASSES·N = 3,155,968 weights; batch B = {@link #BATCH}.
 *
 * <p>FLOPs counted (matrix products only, 2 per multiply–add; the elementwise work is O(B·N) per layer and the
 * score O(M), both under 1% of it):
 * <ul>
 *   <li>forward, Z^l = H^{l−1}·W^lᵀ: 2·B·M;</li>
 *   <li>backward, ∂loss/∂W^l = dZ^lᵀ·H^{l−1}: 2·B·M;</li>
 *   <li>backward, dZ^{l−1} = dZ^l·W^l for l = 2 … L (not for the first layer): 2·B·(M − M_1);</li>
 * </ul>
 * in total {@link #flops()} = 2·B·(3M − M_1) = 2.16 GFLOP per scoring.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SnipScoringBenchmark {

    /** Input dimension and hidden width N. */
    public static final int WIDTH = 1024;
    /** Number of weight layers L. */
    public static final int DEPTH = 4;
    /** Number of classes (outputs of the last layer). */
    public static final int CLASSES = 10;
    /** Batch size B. */
    public static final int BATCH = 128;

    @Param({"float32", "float64"})
    public String precision;

    DenseNetwork net;
    INDArray inputs;
    int[] labels;

    /** M, the number of weights. */
    public static long weights() {
        return (long) (DEPTH - 1) * WIDTH * WIDTH + (long) CLASSES * WIDTH;
    }

    /** The FLOPs of one scoring (see the class comment): 2·B·(3M − M_1). */
    public static double flops() {
        double m = weights();
        double m1 = (double) WIDTH * WIDTH;
        return 2.0 * BATCH * (3 * m - m1);
    }

    @Setup(Level.Trial)
    public void setUp() {
        Precision p = Precision.parse(precision);
        List<INDArray> w = new ArrayList<>();
        for (int l = 0; l < DEPTH; l++) {
            int out = l == DEPTH - 1 ? CLASSES : WIDTH;
            w.add(Sizes.gaussian(DataType.DOUBLE, out, WIDTH, 10 + l).muli(Math.sqrt(2.0 / WIDTH)));
        }
        net = new DenseNetwork(w, null, DenseNetwork.HiddenActivation.RELU, p);
        inputs = Sizes.gaussian(p.dataType(), BATCH, WIDTH, 3);
        SplittableRandom r = new SplittableRandom(4);
        labels = new int[BATCH];
        for (int b = 0; b < BATCH; b++) {
            labels[b] = r.nextInt(CLASSES);
        }
        Nd4j.getExecutioner().commit();
    }

    /** Forward, backward and the scores |W ⊙ ∂loss/∂W| (as double arrays, as the command uses them). */
    @Benchmark
    public double[][] snipScores() {
        return DensePruning.scores(net, PruningMethod.SNIP, inputs, labels, 0);
    }

    /** Forward and backward only ({@link DenseNetwork#lossAndGradients}): the GEMM-bound part. */
    @Benchmark
    public Object forwardBackward() {
        return net.lossAndGradients(inputs, labels);
    }
}
