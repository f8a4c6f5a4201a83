package org.pruneproof.verification.cli;

import java.io.IOException;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.scaled.data.DataException;

/** What every full-size command shares: its thread count, precision, and SameDiff's stray output kept off stdout. */
final class Nd4jJobs {

    /** A job body. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    private Nd4jJobs() {
    }

    /** {@code --precision float32|float64}. */
    static DataType precision(String precision) {
        return switch (precision.toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new Main.UsageError("--precision must be float32 or float64, got '" + precision + "'");
        };
    }

    /** Checks {@code --threads} (null: all cores). */
    static void requireThreads(Integer threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null && (threads < 1 || threads > 4 * cores)) {
            throw new Main.UsageError("--threads must be between 1 and " + 4 * cores + " (4 × this machine's " + cores
                    + " cores), got " + threads);
        }
    }

    /**
     * Runs a job with ND4J limited to {@code threads} (null: unchanged) and System.out silenced (SameDiff prints
     * "Added differentiated op …" to it in ND4J 1.0.0-M2.1, bypassing the logger); restores both afterwards.
     */
    static void run(Integer threads, Body body) throws IOException {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Environment env = Nd4j.getEnvironment();
        int maxThreads = env.maxThreads();
        int masterThreads = env.maxMasterThreads();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        try {
            if (threads != null) {
                env.setMaxThreads(threads);
                env.setMaxMasterThreads(threads);
                Nd4j.factory().blas().setMaxThreads(threads);
            }
            body.run();
        } catch (DataException e) {
            throw new Main.UsageError(e.getMessage());
        } finally {
            System.setOut(stdout);
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(masterThreads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    /** Where a progress bar may be drawn: the error stream when it is a terminal, else null (log lines). */
    static java.io.PrintWriter terminal(java.io.PrintWriter err) {
        return System.console() != null ? err : null;
    }
}
