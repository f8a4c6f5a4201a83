package org.pruneproof.scaled;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J settings every scaled computation relies on. With nd4j-native's oneDNN 2.3 build
 * ({@code -Dnd4j.native.classifier=linux-x86_64-onednn-avx2}, README decisions) the helpers run
 * convolutions (depthwise included), pooling, matmul and softmax in float32; float64 always runs
 * ND4J's generic kernels, and the default generic build has no helpers. The helpers are off unless the
 * system property {@value #HELPERS_PROPERTY} is {@code true}: they made the full-size ResNet-50 SNIP
 * job 1.2–1.6× faster but a reduced-size job with many tiny operations about 9× slower (oneDNN sets
 * up each call), so they are for full-size runs. Each layer kind the networks use gives the same bits
 * on repeated evaluation with the helpers on, at the same thread count ({@code OneDnnKernelsTest}).
 */
public final class Nd4jDefaults {

    /** System property: {@code true} switches the oneDNN helpers on (float32 only). */
    public static final String HELPERS_PROPERTY = "pruneproof.onednn";

    private static volatile boolean applied;
    private static volatile boolean helpers;

    private Nd4jDefaults() {
    }

    /** Applies the settings once per JVM (cheap to call again). */
    public static void apply() {
        if (!applied) {
            synchronized (Nd4jDefaults.class) {
                if (!applied) {
                    helpers = "true".equalsIgnoreCase(System.getProperty(HELPERS_PROPERTY, "false").trim());
                    Nd4j.getEnvironment().allowHelpers(helpers);
                    applied = true;
                }
            }
        }
    }

    /** How many threads libnd4j's parallel regions use (its limit, by default the number of cores). */
    public static int threads() {
        apply();
        return Math.max(1, Nd4j.getEnvironment().maxThreads());
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
        return s.append(helpers ? ", oneDNN helpers on (float32)" : ", oneDNN helpers off").toString();
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
