package org.pruneproof.scaled;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J settings every scaled computation relies on. The build ships two native libraries of nd4j-native
 * 1.0.0-M2.1 (README decisions): the oneDNN 2.3 build {@code linux-x86_64-onednn-avx2}, which JavaCPP loads first
 * when the CPU has AVX2, and the generic {@code linux-x86_64} build, loaded on a CPU without AVX2 (ND4J would
 * otherwise exit: an AVX2 binary refuses to start there) or when the system property {@value #HELPERS_PROPERTY} is
 * {@code false} (see {@link #selectNativeBuild}). With the oneDNN build loaded the helpers are on, and
 * {@link OneDnnHelpers} decides op by op which ops run oneDNN (float32 convolutions and pooling of a useful size,
 * each kind pinned bit-stable on repetition by {@code OneDnnKernelsTest}); everything else, and all of float64, runs
 * ND4J's generic kernels.
 */
public final class Nd4jDefaults {

    /**
     * System property: {@code false} loads the generic native build and keeps the oneDNN helpers off; {@code auto}
     * (the default) or {@code true} uses oneDNN when the CPU has AVX2.
     */
    public static final String HELPERS_PROPERTY = "pruneproof.onednn";

    /** JavaCPP's system property that restricts which native build (classifier suffix) it loads. */
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private static volatile boolean applied;
    private static volatile boolean helpers;
    /** The limit a {@link #withThreads} window replaced, while one is open; 0 otherwise. */
    private static volatile int outerThreads;

    private Nd4jDefaults() {
    }

    /** Applies the settings once per JVM (cheap to call again). */
    public static void apply() {
        if (!applied) {
            synchronized (Nd4jDefaults.class) {
                if (!applied) {
                    selectNativeBuild();
                    helpers = !"false".equalsIgnoreCase(System.getProperty(HELPERS_PROPERTY, "auto").trim()) && oneDnnLoaded();
                    Nd4j.getEnvironment().allowHelpers(helpers);
                    applied = true;
                }
            }
        }
    }

    /**
     * Chooses the native build before ND4J loads it: when the CPU lacks AVX2 (read from {@code /proc/cpuinfo}) or
     * {@value #HELPERS_PROPERTY} is {@code false}, sets JavaCPP's {@value #JAVACPP_EXTENSION} to the empty
     * extension, so that the generic build is loaded. Does nothing when that property is already set, or once
     * ND4J is loaded (call it first: the command line's {@code Main} does).
     */
    public static void selectNativeBuild() {
        if (System.getProperty(JAVACPP_EXTENSION) != null) {
            return;
        }
        boolean off = "false".equalsIgnoreCase(System.getProperty(HELPERS_PROPERTY, "auto").trim());
        if (off || !cpuHasAvx2()) {
            System.setProperty(JAVACPP_EXTENSION, "");
        }
    }

    /** Whether the CPU reports AVX2 ({@code /proc/cpuinfo} on Linux; false where it cannot be read). */
    static boolean cpuHasAvx2() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return java.util.Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).contains("avx2");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Whether the loaded libnd4j is a oneDNN build (its library path names the classifier). */
    public static boolean oneDnnLoaded() {
        Nd4j.getBackend();
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().values().stream()
                .anyMatch(path -> path != null && path.contains("-onednn"));
    }

    /** Whether the oneDNN helpers are on in this JVM (applies the settings first). */
    public static boolean helpersOn() {
        apply();
        return helpers;
    }

    /**
     * How many threads libnd4j's parallel regions use: its {@code maxMasterThreads}, by default the number of cores
     * (in M2.1 {@code Environment.setMaxThreads} leaves {@code maxThreads()} unchanged — measured — while
     * {@code setMaxMasterThreads} takes effect, for every Java thread: the limit is global). Inside a
     * {@link #withThreads} window, whichever thread asks, this is the limit that window replaced and will restore: the
     * lasting setting, not the temporary one.
     */
    public static int threads() {
        apply();
        int outer = outerThreads;
        return Math.max(1, outer > 0 ? outer : Nd4j.getEnvironment().maxMasterThreads());
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
        return s.append(helpers ? ", oneDNN build (helpers on for float32 convolutions and pooling ≥ " + OneDnnHelpers.MIN_ELEMENTS
                + " elements)" : ", generic build (no oneDNN)").toString();
    }

    /**
     * Runs {@code work} with libnd4j (its parallel regions and OpenBLAS) limited to {@code threads} threads, then
     * restores the previous limits.
     * For many tiny problems in a row (cross-check instances of a few hundred numbers): there, parallel
     * regions cost more than the work itself, by two orders of magnitude on a loaded host. Results do not
     * depend on it beyond rounding.
     *
     * <p>The limit is global to the JVM, so windows are exclusive: a second thread's call waits until the first
     * window closes (a nested call on the same thread runs at once). Scaled work that runs outside any window while
     * one is open runs under its limit too; a parallel run keeps such work apart (see the catalogue's
     * {@code OneThreadScaledClaim}).
     */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        apply();
        synchronized (Nd4jDefaults.class) {
            int maxThreads = Nd4j.getEnvironment().maxThreads();
            int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
            int blasThreads = Nd4j.factory().blas().getMaxThreads();
            int outer = outerThreads;
            if (outer == 0) {
                outerThreads = Math.max(1, masterThreads);
            }
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            try {
                return work.get();
            } finally {
                Nd4j.getEnvironment().setMaxThreads(maxThreads);
                Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
                Nd4j.factory().blas().setMaxThreads(blasThreads);
                outerThreads = outer;
            }
        }
    }
}
