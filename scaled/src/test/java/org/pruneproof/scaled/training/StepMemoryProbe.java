package org.pruneproof.scaled.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.OwnedArrays;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkPass;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.scaled.pruning.InitPruning;
import org.pruneproof.theory.pruning.PruningMethod;

/**
 * The child process of {@link TrainingStepMemoryTest}: the resident set size ({@link Pointer#physicalBytes}) and the
 * number of ND4J buffers not yet freed (after a collection) after W warm-up training steps of {@link #NET} and after N
 * and 2N more (the training loop's own step,
 * {@link Training#batchStep}, with momentum and weight decay), then the same for whole SNIP scoring passes
 * ({@link InitPruning#scores}: graph, forward, backward, scores), then N and 2N training steps that each also allocate
 * one activation-sized array and never close it (a planted leak, for the test's own check). Prints
 * {@code train r0 r1 r2 c0 c1 c2}, {@code snip …}, {@code leak …} and {@code activation A} (bytes of the
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
        // the step the training loop takes: the hand-built pass by default, the SameDiff graph under -Dpruneproof.pass=samediff
        boolean custom = NetworkPass.preferred();
        NetworkGraph g = custom ? null : NetworkGraph.build(w, NetworkGraph.Mode.TRAINING);
        NetworkPass p = custom ? NetworkPass.build(w, NetworkGraph.Mode.TRAINING) : null;
        Sgd sgd = new Sgd(0.9, 5e-4);
        Runnable step = () -> {
            ImageBatch b = data.next(batch);
            if (custom) {
                Training.passStep(p, b.images(), b.labels(), sgd, 0.01, Map.of(), "the memory probe");
            } else {
                Training.batchStep(g, b.images(), b.labels(), sgd, 0.01, Map.of(), "the memory probe");
            }
            OwnedArrays.closeAll(b.images());
        };
        long[] train = measure(step, warm, n);
        System.out.println(line("train", train));
        ImageBatch fixed = data.next(batch);
        Runnable snip = () -> InitPruning.scores(w, PruningMethod.SNIP, fixed, 1);
        long[] s = measure(snip, snipWarm, snipN);
        System.out.println(line("snip", s));
        List<INDArray> leaked = new ArrayList<>();
        Runnable leaking = () -> {
            step.run();
            // the planted bug: one activation-sized array per step that is never closed
            leaked.add(Nd4j.create(DataType.FLOAT, batch, 8, 32, 32).assign(1));
        };
        long[] l = measure(leaking, 0, n);
        System.out.println(line("leak", l));
        System.out.println("activation " + activationBytes(batch));
    }

    /** Resident bytes after warm-up, N and 2N more runs, then the bytes of ND4J's live buffers at those points. */
    private static long[] measure(Runnable work, int warm, int n) {
        for (int k = 0; k < warm; k++) {
            work.run();
        }
        long[] r = new long[6];
        r[0] = Pointer.physicalBytes();
        r[3] = liveBytes();
        for (int k = 0; k < n; k++) {
            work.run();
        }
        r[1] = Pointer.physicalBytes();
        r[4] = liveBytes();
        for (int k = 0; k < n; k++) {
            work.run();
        }
        r[2] = Pointer.physicalBytes();
        r[5] = liveBytes();
        return r;
    }

    /**
     * Bytes of the ND4J buffers not yet freed nor closed: the entries of its deallocator's reference map (private in
     * 1.0.0-M2.1, read by reflection) once a collection has run and the deallocator threads have drained what it found.
     */
    private static long liveBytes() {
        try {
            java.lang.reflect.Field f = DeallocatorService.class.getDeclaredField("referenceMap");
            f.setAccessible(true);
            Map<?, ?> m = (Map<?, ?>) f.get(Nd4j.getDeallocatorService());
            System.gc();
            int last = -1;
            for (int k = 0; k < 100 && m.size() != last; k++) {
                last = m.size();
                Thread.sleep(20);
            }
            long bytes = 0;
            for (Object o : m.values()) {
                Object d = ((java.lang.ref.Reference<?>) o).get();
                if (d instanceof org.nd4j.linalg.api.buffer.DataBuffer b && !b.wasClosed()) {
                    bytes += b.length() * b.getElementSize();
                }
            }
            return bytes;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read ND4J's deallocator map", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String line(String name, long[] r) {
        StringBuilder b = new StringBuilder(name);
        for (long v : r) {
            b.append(' ').append(v);
        }
        return b.toString();
    }
}
