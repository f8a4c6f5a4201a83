package org.pruneproof.scaled;

import org.bytedeco.javacpp.Pointer;

/**
 * Returning the native memory of dropped ND4J arrays to the process, by a garbage collection when the resident set has
 * grown by more than a threshold since the last one.
 *
 * <p>Why: in ND4J 1.0.0-M2.1's CPU backend an array's native buffer is freed only after the garbage collector has found
 * the array's Java object (a deallocator thread then frees it); {@code INDArray.close()} marks the array closed but does
 * not free its memory (measured: 30 arrays of 4 MiB allocated and closed in turn left the resident set 116 MiB larger;
 * with a collection after each, it did not grow). The Java objects are small, so a mostly empty heap is rarely
 * collected while a training step drops its activations and gradients (0.4 GB a step for {@code cifar-resnet8} at width
 * 1/2, batch 128), and a run grew until it was killed. Calling {@link #collectIfGrown} after every step bounds the
 * growth by the threshold plus one step, at the cost of one collection whenever the threshold is crossed (the heap
 * holds little, so a collection takes milliseconds against seconds for a step of a real network).
 */
public final class NativeMemory {

    /** System property: the growth (MiB) of the resident set that triggers a collection; default {@value #DEFAULT_MIB}. */
    public static final String THRESHOLD_PROPERTY = "pruneproof.native.gc-threshold-mib";
    /** The default threshold (MiB). */
    public static final long DEFAULT_MIB = 512;

    private static long afterLast = -1;

    private NativeMemory() {
    }

    /** A garbage collection if the resident set grew by more than the threshold since the last one (or the first call). */
    public static synchronized void collectIfGrown() {
        long threshold = Long.getLong(THRESHOLD_PROPERTY, DEFAULT_MIB) << 20;
        long now = Pointer.physicalBytes();
        if (afterLast < 0) {
            afterLast = now;
        }
        if (now - afterLast > threshold || threshold == 0) {
            System.gc();
            afterLast = Pointer.physicalBytes();
        }
    }
}
