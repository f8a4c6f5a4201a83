package org.pruneproof.scaled.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.pruneproof.scaled.NativeMemory;
import org.pruneproof.scaled.OwnedArrays;

/**
 * The arrays one forward/backward pass of a {@link NetworkGraph} creates, closed when the caller is done with the pass
 * ({@link #close}), after which {@link NativeMemory#collectIfGrown} returns their memory.
 *
 * <p>Why: ND4J's CPU buffers live outside the Java heap. SameDiff (1.0.0-M2.1) hands every array that it releases
 * during a pass to its session's {@link ArrayCacheMemoryMgr} (reused for the next array of the same shape, at most a
 * quarter of the JVM's maximum heap), but the arrays it does not release — the requested outputs, the gradients, and
 * what it keeps for them — and the arrays an op allocates itself are simply dropped, and their memory comes back only
 * when the garbage collector has found them (M2.1's {@code close()} does not free a buffer: {@link NativeMemory}). The
 * Java objects are small, so a mostly empty heap is rarely collected and the native memory grew by a whole pass's
 * activations per training step (0.4 GB a step for {@code cifar-resnet8} at width 1/2, batch 128) until the process ran
 * out of memory.
 *
 * <p>How: while a pass is recorded ({@link #begin}), every array that the session's memory manager allocates and every
 * op output is recorded; {@link #close} then closes each recorded array that is still open and closeable (views are
 * not), except arrays whose memory overlaps a graph variable or constant, a placeholder given to the pass, or an
 * array held in the session's cache for reuse, forgets them all and calls {@link NativeMemory#collectIfGrown}. Closing
 * marks the arrays dead (a later use fails loudly instead of reading stale memory, and a backend whose {@code close()}
 * frees gets the memory back at once). Arrays of a pass that was never closed are forgotten at the next {@link #begin}
 * (left to the GC, as before). One instance per graph; not thread-safe (a graph is used by one thread).
 */
final class PassArrays extends BaseListener {

    private final SameDiff sd;
    private final List<INDArray> recorded = new ArrayList<>();
    private final List<INDArray> placeholders = new ArrayList<>();
    private final List<INDArray> owned = new ArrayList<>();
    private final List<Recorder> recorders = new ArrayList<>();
    private boolean recording;

    PassArrays(SameDiff sd) {
        this.sd = sd;
    }

    /**
     * Starts recording a pass with these placeholders: the memory managers of this thread's sessions of the graph and of
     * its gradient function (created here when missing) record their allocations from now on.
     */
    void begin(Map<String, INDArray> feed, boolean gradients) {
        recorded.clear();
        placeholders.clear();
        owned.clear();
        placeholders.addAll(feed.values());
        wrap(sd);
        if (gradients) {
            if (sd.getFunction("grad") == null) {
                sd.createGradFunction();
            }
            wrap(sd.getFunction("grad"));
        }
        recording = true;
    }

    /**
     * Closes the recorded arrays ({@link #close}) and every array held in the sessions' caches for reuse, which then
     * start empty: what a graph that is no longer needed still holds.
     */
    void closeCaches() {
        close();
        for (Recorder r : recorders) {
            r.delegate.close();
            r.delegate = limited(new ArrayCacheMemoryMgr());
        }
    }

    /** Closes the recorded arrays of the pass (see the class comment) and stops recording. */
    void close() {
        recording = false;
        Ranges kept = new Ranges();
        for (SameDiff f : new SameDiff[] {sd, sd.getFunction("grad")}) {
            if (f == null) {
                continue;
            }
            for (SDVariable v : f.variables()) {
                if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                    kept.add(v.getArr());
                }
            }
        }
        placeholders.forEach(kept::add);
        for (Recorder r : recorders) {
            if (r.delegate instanceof ArrayCacheMemoryMgr cache) {
                if (cache.getLruCacheValues() != null) {
                    cache.getLruCacheValues().values().forEach(kept::add);
                }
                if (cache.getArrays() != null) {
                    cache.getArrays().values().forEach(list -> list.forEach(kept::add));
                }
            }
        }
        kept.seal();
        for (INDArray a : recorded) {
            if (a != null && !a.wasClosed() && a.closeable() && a.data() != null && !kept.overlaps(a)) {
                a.close();
            }
        }
        OwnedArrays.closeAll(owned.toArray(new INDArray[0]));
        recorded.clear();
        placeholders.clear();
        owned.clear();
        // M2.1 frees a closed array's memory only once the GC has found it (NativeMemory): collect when it has piled up
        NativeMemory.collectIfGrown();
    }

    /** A placeholder array that the graph made for this pass (a one-hot label matrix): closed by {@link #close} too. */
    void own(INDArray a) {
        owned.add(a);
    }

    private void wrap(SameDiff f) {
        if (f == null) {
            return;
        }
        Map<Long, InferenceSession> sessions = f.getSessions();
        if (sessions == null) {
            return;   // no session map yet: the op outputs are still recorded by the listener
        }
        long thread = Thread.currentThread().getId();
        InferenceSession s = sessions.computeIfAbsent(thread, t -> new InferenceSession(f));
        if (!(s.getMmgr() instanceof Recorder)) {
            Recorder r = new Recorder(limited(s.getMmgr()));
            s.setMmgr(r);
            recorders.add(r);
        }
    }

    /**
     * SameDiff's cache of released arrays, capped at {@value #CACHE_PROPERTY} MiB when that system property is set
     * (default: SameDiff's own cap, a quarter of the JVM's maximum heap).
     */
    private static SessionMemMgr limited(SessionMemMgr m) {
        long mib = Long.getLong(CACHE_PROPERTY, -1);
        if (mib >= 0 && m instanceof ArrayCacheMemoryMgr cache) {
            cache.setMaxCacheBytes(Math.min(cache.getMaxCacheBytes(), mib << 20));
        }
        return m;
    }

    /** The system property that caps SameDiff's per-session cache of released arrays (MiB). */
    static final String CACHE_PROPERTY = "pruneproof.samediff.cache-mib";

    private void record(INDArray a) {
        if (recording && a != null) {
            recorded.add(a);
        }
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        if (recording && outputs != null) {
            for (INDArray o : outputs) {
                record(o);
            }
        }
    }

    /** A session memory manager that records what it allocates and otherwise does what SameDiff's own one does. */
    private final class Recorder implements SessionMemMgr {
        private SessionMemMgr delegate;

        Recorder(SessionMemMgr delegate) {
            this.delegate = delegate;
        }

        @Override
        public INDArray allocate(boolean detached, DataType dataType, long... shape) {
            INDArray a = delegate.allocate(detached, dataType, shape);
            record(a);
            return a;
        }

        @Override
        public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
            INDArray a = delegate.allocate(detached, descriptor);
            record(a);
            return a;
        }

        @Override
        public INDArray ulike(INDArray arr) {
            return allocate(false, arr.dataType(), arr.shape());
        }

        @Override
        public INDArray dup(INDArray arr) {
            INDArray out = ulike(arr);
            if (!arr.isEmpty()) {
                out.assign(arr);
            }
            return out;
        }

        @Override
        public void release(INDArray array) {
            delegate.release(array);
            // arrays the cache evicts are closed but not freed (NativeMemory): collect them during the pass when they pile up
            NativeMemory.collectIfGrown();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Native memory ranges [start, end) of arrays that must not be closed, merged for binary search. */
    private static final class Ranges {
        private long[] starts = new long[64];
        private long[] ends = new long[64];
        private int size;

        void add(INDArray a) {
            DataBuffer d = a == null ? null : a.data();
            if (d == null || d.address() == 0) {
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, 2 * size);
                ends = Arrays.copyOf(ends, 2 * size);
            }
            starts[size] = d.address();
            ends[size] = d.address() + Math.max(1, d.length() * d.getElementSize());
            size++;
        }

        void seal() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
            long[] s = new long[size];
            long[] e = new long[size];
            int k = 0;
            for (int i : order) {
                if (k > 0 && starts[i] <= e[k - 1]) {
                    e[k - 1] = Math.max(e[k - 1], ends[i]);
                } else {
                    s[k] = starts[i];
                    e[k] = ends[i];
                    k++;
                }
            }
            starts = s;
            ends = e;
            size = k;
        }

        boolean overlaps(INDArray a) {
            DataBuffer d = a.data();
            long from = d.address();
            long to = from + Math.max(1, d.length() * d.getElementSize());
            // the last range starting before `to`
            int lo = 0;
            int hi = size - 1;
            int last = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] < to) {
                    last = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return last >= 0 && ends[last] > from;
        }
    }
}
