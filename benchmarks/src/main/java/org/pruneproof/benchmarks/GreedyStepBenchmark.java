package org.pruneproof.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
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
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.Features;
import org.pruneproof.scaled.greedy.GreedySelector;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * One greedy step (with replacement, all N candidates): one pass over the B-byte feature matrix, as
 * {@link GreedySelector#onePassPerStep} takes it (the default selector reuses products across steps
 * and is measured over whole runs by {@link GreedyRunComparison}).
 * The scaled step is measured over steps 1 to {@value #STEPS_PER_RUN} of a run (a fresh selector
 * every {@value #STEPS_PER_RUN} steps, its construction included), so that every size is measured
 * in the same phase of the algorithm: left running, a small Φ would reach the late phase, where most
 * chosen neurons tie within float32 resolution and are re-evaluated directly each step.
 * Reported as B / (time per step) ÷ the streaming-read bandwidth of {@link StreamingReadBenchmark}
 * at the same B (see {@link RatioTable}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GreedyStepBenchmark {

    /** Steps per selector in {@link #scaledStep}. */
    static final int STEPS_PER_RUN = 64;

    /** The scaled engine: one GEMV Φr (OpenBLAS), an argmin and an O(m) update per step. */
    @State(Scope.Benchmark)
    public static class ScaledState {
        @Param({"1000000", "16000000", "256000000"})
        public long bytes;

        @Param({"float32", "float64"})
        public String precision;

        GreedySelector selector;
        Features phi;
        double[] y;
        INDArray matrix;
        INDArray r;
        INDArray g;
        int n;
        boolean single;
        FloatPointer phiFloats;
        FloatPointer rFloats;
        FloatPointer gFloats;
        DoublePointer phiDoubles;
        DoublePointer rDoubles;
        DoublePointer gDoubles;

        @Setup(Level.Trial)
        public void setUp() {
            Precision p = Precision.parse(precision);
            int n = Sizes.neurons(bytes, p.bytes());
            phi = Features.of(Sizes.gaussian(p.dataType(), n, Sizes.POINTS, 1), p);
            y = Sizes.gaussianVector(Sizes.POINTS, 2);
            selector = GreedySelector.onePassPerStep(phi, y, Replacement.WITH, null);
            matrix = phi.matrix();
            r = Sizes.gaussian(p.dataType(), Sizes.POINTS, 1, 6);
            g = Nd4j.create(p.dataType(), n, 1);
            this.n = n;
            single = p == Precision.FLOAT32;
            if (single) {
                phiFloats = new FloatPointer(matrix.data().addressPointer());
                rFloats = new FloatPointer(r.data().addressPointer());
                gFloats = new FloatPointer(g.data().addressPointer());
            } else {
                phiDoubles = new DoublePointer(matrix.data().addressPointer());
                rDoubles = new DoublePointer(r.data().addressPointer());
                gDoubles = new DoublePointer(g.data().addressPointer());
            }
        }
    }

    /** The reference engine (EJML storage, plain Java, double, one thread): exact loss per candidate. */
    @State(Scope.Benchmark)
    public static class ReferenceState {
        @Param({"1000000", "16000000", "256000000"})
        public long bytes;

        DMatrixRMaj phi;
        double[] y;

        @Setup(Level.Trial)
        public void setUp() {
            phi = Sizes.gaussianHeap(Sizes.neurons(bytes, 8), Sizes.POINTS, 1);
            y = Sizes.gaussianVector(Sizes.POINTS, 2);
        }
    }

    @Benchmark
    public int scaledStep(ScaledState s) {
        if (s.selector.stepsTaken() == STEPS_PER_RUN) {
            s.selector = GreedySelector.onePassPerStep(s.phi, s.y, Replacement.WITH, null);
        }
        return s.selector.step();
    }

    /**
     * The bare matrix–vector product Φr the step is built on: OpenBLAS {@code cblas_?gemv} (row-major,
     * no transpose) on Φ's native buffer, as {@code scaled.greedy.RowProducts} calls it. Shows how much
     * of the step is the GEMV itself.
     */
    @Benchmark
    public ScaledState blasGemvOnly(ScaledState s) {
        if (s.single) {
            openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasNoTrans, s.n, Sizes.POINTS,
                    1f, s.phiFloats, Sizes.POINTS, s.rFloats, 1, 0f, s.gFloats, 1);
        } else {
            openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasNoTrans, s.n, Sizes.POINTS,
                    1.0, s.phiDoubles, Sizes.POINTS, s.rDoubles, 1, 0.0, s.gDoubles, 1);
        }
        return s;
    }

    /**
     * The same product through ND4J's own API ({@code Nd4j.gemm}, which runs libnd4j's matmul op, not
     * BLAS GEMV): the step's previous implementation, kept to show why it was replaced.
     */
    @Benchmark
    public INDArray nd4jGemmOnly(ScaledState s) {
        return Nd4j.gemm(s.matrix, s.r, s.g, false, false, 1.0, 0.0);
    }

    /** The first step of the reference algorithm: every candidate's loss, one pass over Φ. */
    @Benchmark
    public GreedyPath referenceStep(ReferenceState s) {
        return GreedyForwardSelection.withReplacement(s.phi, s.y, 1);
    }
}
