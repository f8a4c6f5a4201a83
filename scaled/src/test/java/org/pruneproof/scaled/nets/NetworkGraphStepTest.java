package org.pruneproof.scaled.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;

/**
 * One training or scoring step is one forward and one backward pass: every convolution's forward op runs once and its
 * backward op once per {@link NetworkGraph#lossAndGradients} (the training and fine-tuning step) and per
 * {@link NetworkGraph#gradients} (SNIP and SBP-SR scoring), counted by a listener on the graph's executions.
 */
class NetworkGraphStepTest {

    /** Executions per op name. */
    private static final class Counts extends BaseListener {
        final Map<String, Integer> byName = new HashMap<>();

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
            byName.merge(op.getOp().opName(), 1, Integer::sum);
        }
    }

    private static final Architecture NET = Architectures.byName("cifar-resnet8", 0.125).withInputSize(8);

    private static long convolutions() {
        return NET.parameters().stream().filter(p -> p.role() == ParameterSpec.Role.CONV_WEIGHT).count();
    }

    private record Counted(NetworkGraph graph, Counts counts, ImageBatch batch) {
    }

    /** A training-mode graph of {@link #NET} with a counting listener, and a batch of 4. */
    private static Counted counted() {
        NetworkGraph g = NetworkGraph.build(NetworkWeights.initialise(NET, DataType.FLOAT, new SplittableRandom(1)),
                NetworkGraph.Mode.TRAINING);
        Counts c = new Counts();
        g.sameDiff().addListeners(c);
        return new Counted(g, c, new SyntheticImages(NET.classes(), NET.inputChannels(), NET.inputSize(), DataType.FLOAT, 2).next(4));
    }

    @Test
    void aTrainingStepRunsEachConvolutionForwardOnce() {
        Counted t = counted();
        Counts c = t.counts();
        t.graph().lossAndGradients(t.batch().images(), t.batch().labels(), List.of());
        assertEquals(convolutions(), (long) c.byName.getOrDefault("conv2d", 0), "conv2d executions in one step " + c.byName);
        assertEquals(convolutions(), (long) c.byName.getOrDefault("conv2d_bp", 0), "conv2d_bp executions in one step");
        assertEquals(1, (int) c.byName.getOrDefault("softmax_cross_entropy_loss", 0), "loss executions in one step");
    }

    @Test
    void snipScoringRunsEachConvolutionForwardOnce() {
        Counted t = counted();
        Counts c = t.counts();
        NetworkGraph g = t.graph();
        g.gradients(t.batch().images(), t.batch().labels(), g.weights().prunable().stream().map(ParameterSpec::name).toList());
        assertEquals(convolutions(), (long) c.byName.getOrDefault("conv2d", 0), "conv2d executions in one scoring pass " + c.byName);
    }
}
