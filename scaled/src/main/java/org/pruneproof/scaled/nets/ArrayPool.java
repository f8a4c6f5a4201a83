package org.pruneproof.scaled.nets;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reused arrays of one type, by shape: {@link #take} hands out a free array of the shape (its contents are whatever the
 * last user left: every op writes its whole output) or a new one, {@link #give} takes one back within a pass, and
 * {@link #reset} takes every array back at the start of the next pass. So after the first pass a network's passes
 * allocate nothing: no page faults on fresh memory (they doubled a backward convolution's time on these hosts, notes)
 * and no native memory waiting for the garbage collector ({@code NativeMemory}: ND4J M2.1 frees an array only when
 * the GC has found it). The pool grows to the largest working set of one pass. Not thread-safe.
 */
final class ArrayPool {

    private final DataType type;
    private final Map<List<Long>, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Set<INDArray> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    private long bytes;

    ArrayPool(DataType type) {
        this.type = type;
    }

    /** A C-order array of this shape, owned by the caller until {@link #give} or {@link #reset}. */
    INDArray take(long... shape) {
        ArrayDeque<INDArray> q = free.get(key(shape));
        INDArray a = q == null ? null : q.poll();
        if (a == null) {
            a = Nd4j.createUninitialized(type, shape, 'c');
            bytes += a.length() * type.width();
        }
        inUse.add(a);
        return a;
    }

    /** Whether the array was handed out by this pool and not given back. */
    boolean owns(INDArray a) {
        return inUse.contains(a);
    }

    /** Takes back an array of this pool (anything else, e.g. the caller's input, is ignored). */
    void give(INDArray a) {
        if (a != null && inUse.remove(a)) {
            free.computeIfAbsent(key(a.shape()), k -> new ArrayDeque<>()).push(a);
        }
    }

    /** Takes every array back. */
    void reset() {
        for (INDArray a : inUse.toArray(new INDArray[0])) {
            give(a);
        }
    }

    /** Closes every free array and forgets it (call {@link #reset} first to include those in use). */
    void closeAll() {
        free.values().forEach(q -> q.forEach(a -> {
            if (!a.wasClosed()) {
                a.close();
            }
        }));
        free.clear();
        bytes = 0;
    }

    /** Bytes of all arrays this pool has made. */
    long bytes() {
        return bytes;
    }

    private static List<Long> key(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
