package org.pruneproof.verification.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker threads that take units of work by priority (a claim's rank, then the unit's order within
 * the claim, then submission). Each unit holds some of the run's {@code jobs} slots while it runs: a unit whose code
 * keeps several cores busy (a native thread pool) holds as many slots, so that threads per unit × units running stay
 * within the cores. Slots are granted first come, first served, so a unit that needs many is not starved by units
 * that need one. Units never wait for other units; a claim's next units are submitted when earlier ones finish.
 */
final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private record Unit(long rank, long order, long sequence, int slots, Runnable work) implements Comparable<Unit> {
        @Override
        public int compareTo(Unit o) {
            int c = Long.compare(rank, o.rank);
            if (c == 0) {
                c = Long.compare(order, o.order);
            }
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityBlockingQueue<Unit> queue = new PriorityBlockingQueue<>();
    private final Semaphore slots;
    private final int size;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    /** {@code size} workers sharing {@code size} slots. */
    Workers(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("workers must be ≥ 1, got " + size);
        }
        this.size = size;
        this.slots = new Semaphore(size, true);
        for (int i = 0; i < size; i++) {
            Thread t = new Thread(this::work, "pruneproof-worker-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** How many workers (and slots) there are. */
    int size() {
        return size;
    }

    /** Queues a unit; {@code work} must not throw (it reports its own failures) and must not wait for other units. */
    void submit(long rank, long order, int unitSlots, Runnable work) {
        if (closed) {
            throw new IllegalStateException("the workers are closed");
        }
        queue.add(new Unit(rank, order, sequence.getAndIncrement(), Math.max(1, Math.min(size, unitSlots)), work));
    }

    private void work() {
        while (!closed) {
            Unit u;
            try {
                u = queue.take();
                slots.acquire(u.slots());
            } catch (InterruptedException e) {
                return;
            }
            try {
                u.work().run();
            } catch (Throwable t) {
                LOG.error("a unit of work failed outside its claim: {}", t.toString(), t);
            } finally {
                slots.release(u.slots());
            }
        }
    }

    /** Stops the workers once they finish their current units; queued units are dropped. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
