package org.pruneproof.scaled;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J settings every scaled computation relies on. The oneDNN helpers of ND4J 1.0.0-M2.1 are not
 * deterministic (notes dependencies.md §5), so they are switched off: the same inputs then give the
 * same outputs, bit for bit, on the same machine and thread count.
 */
public final class Nd4jDefaults {

    private static volatile boolean applied;

    private Nd4jDefaults() {
    }

    /** Applies the settings once per JVM (cheap to call again). */
    public static void apply() {
        if (!applied) {
            synchronized (Nd4jDefaults.class) {
                if (!applied) {
                    Nd4j.getEnvironment().allowHelpers(false);
                    applied = true;
                }
            }
        }
    }

    /**
     * Runs {@code work} with libnd4j limited to {@code threads} threads, then restores the previous limit.
     * For many tiny problems in a row (cross-check instances of a few hundred numbers): there, parallel
     * regions cost more than the work itself, by two orders of magnitude on a loaded host. Results do not
     * depend on it beyond rounding.
     */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        apply();
        synchronized (Nd4jDefaults.class) {
            int maxThreads = Nd4j.getEnvironment().maxThreads();
            int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            try {
                return work.get();
            } finally {
                Nd4j.getEnvironment().setMaxThreads(maxThreads);
                Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
            }
        }
    }
}
