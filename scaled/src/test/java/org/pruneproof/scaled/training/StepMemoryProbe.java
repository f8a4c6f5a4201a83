package org.pruneproof.scaled.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * The child process of {@link TrainingStepMemoryTest}: the resident set size ({@link Pointer#physicalBytes}) after W
 * warm-up training steps of {@link #NET} and after N and 2N more (the training loop's own step,
 * {@link Training#batchStep}, with momentum and weight decay), then the same for whole SNIP scoring passes
 * ({@link InitPruning#scores}: graph, forward, backward, scores), then N and 2N training steps that each also allocate
 * one activation-sized array and never close it (a planted leak, for the test's own check). Prints
 * {@code train r0 r1 r2}, {@code snip r0 r1 r2}, {@code leak r0 r1 r2} and {@code activation A} (bytes of the
 * network's largest activation at this batch).
 *
 * <pre>  StepMemoryProbe BATCH W N SNIP_W SNIP_N</pre>
 */
public final class StepMemoryProbe {

    /** cifar-resnet8 at width 1/4 (channels 8, 16, 32), 32×32 inputs. */
    static final Architecture NET = Architectures.byName("cifar-resnet8", 0.25).withInputSize(32);

    private StepMemoryProbe() {
    }

    /** Bytes of the largest activation of {@link #NET} at this batch: the first stage's [B, 8, 32, 32] float32. */
    static long activationBytes(int batch) {
        return (long) batch * 8 * 32 * 32 * Float.BYTES;
    }

    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        int warm = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int snipWarm = Integer.parseInt(args[3]);
        int snipN = Integer.parseInt(args[4]);
        NetworkWeights w = NetworkWeights.initialise(NET, DataType.FLOAT, new SplittableRandom(1));
        SyntheticImages data = new SyntheticImages(NET.classes(), NET.inputChannels(), NET.inputSize(), DataType.FLOAT, 2);
        NetworkGraph g = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING);
        Sgd sgd = new Sgd(0.9, 5e-4);
        Runnable step = () -> {
            ImageBatch b = data.next(batch);
            Training.batchStep(g, b.images(), b.labels(), sgd, 0.01, Map.of(), "the memory probe");
            OwnedArrays.closeAll(b.images());
        };
        long[] train = measure(step, warm, n);
        System.out.println("train " + train[0] + " " + train[1] + " " + train[2]);
        ImageBatch fixed = data.next(batch);
        Runnable snip = () -> InitPruning.scores(w, PruningMethod.SNIP, fixed, 1);
        long[] s = measure(snip, snipWarm, snipN);
        System.out.println("snip " + s[0] + " " + s[1] + " " + s[2]);
        List<INDArray> leaked = new ArrayList<>();
        Runnable leaking = () -> {
            step.run();
            // the planted bug: one activation-sized array per step that is never closed
            leaked.add(Nd4j.create(DataType.FLOAT, batch, 8, 32, 32).assign(1));
        };
        long[] l = measure(leaking, 0, n);
        System.out.println("leak " + l[0] + " " + l[1] + " " + l[2]);
        System.out.println("activation " + activationBytes(batch));
    }

    private static long[] measure(Runnable work, int warm, int n) {
        for (int k = 0; k < warm; k++) {
            work.run();
        }
        long[] r = new long[3];
        r[0] = Pointer.physicalBytes();
        for (int k = 0; k < n; k++) {
            work.run();
        }
        r[1] = Pointer.physicalBytes();
        for (int k = 0; k < n; k++) {
            work.run();
        }
        r[2] = Pointer.physicalBytes();
        return r;
    }
}
