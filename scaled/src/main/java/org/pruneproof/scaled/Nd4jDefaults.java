package org.pruneproof.scaled;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J settings every scaled computation relies on. nd4j-native's native library is the oneDNN 2.3
 * build (README decisions), whose helpers run convolutions (depthwise included), pooling, matmul and
 * softmax in float32; float64 always runs ND4J's generic kernels. The helpers are on unless the
 * system property {@value #HELPERS_PROPERTY} is {@code false}. Each layer kind the networks use was
 * checked to give the same bits on repeated evaluation with the helpers on, at the same thread count
 * ({@code OneDnnKernelsTest}); an op that did not would have to run generic (helpers off).
 */
public final class Nd4jDefaults {

    /** System property: {@code false} switches the oneDNN helpers off (generic kernels only). */
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
                    helpers = !"false".equalsIgnoreCase(System.getProperty(HELPERS_PROPERTY, "true").trim());
                    Nd4j.getEnvironment().allowHelpers(helpers);
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
