package org.pruneproof.scaled;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J settings every scaled computation relies on. The oneDNN helpers of ND4J 1.0.0-M2.1 are not
 * deterministic (the same inputs gave outputs differing in the last bits between runs), so they are switched off: the same inputs then give the
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
     * The ND4J back-end in words (backend, BLAS vendor, threads, data type) when a scaled computation
     * ran in this JVM; "not used in this run" otherwise, without loading ND4J.
     */
    public static String describe() {
        if (!applied) {
            return "not used in this run";
        }
        java.util.Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        StringBuilder s = new StringBuilder("ND4J 1.0.0-M2.1 ").append(Nd4j.getBackend().getClass().getSimpleName());
        for (String key : new String[] {"blas.vendor", "omp.threads", "blas.threads"}) {
            Object v = env.get(key);
            if (v != null) {
                s.append(", ").append(key).append('=').append(v);
            }
        }
        return s.append(", oneDNN helpers off").toString();
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
