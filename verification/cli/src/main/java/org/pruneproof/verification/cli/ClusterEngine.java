package org.pruneproof.verification.cli;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.engine.RunConfig;

/**
 * An engine that runs the command line's tasks on other machines ({@code --engine NAME}): the optional Spark module
 * provides one through {@link ServiceLoader}, so the command line never depends on it. An engine computes what the
 * local engine computes; the command line writes the results, the table and the reports as usual.
 */
public interface ClusterEngine {

    /** The name {@code --engine} selects it by, e.g. {@code spark}. */
    String name();

    /** Checks the claims {@code ids} under {@code config}; the results in the order of {@code ids}. */
    List<ClaimResult> claims(RunConfig config, List<String> ids, String master);

    /** Computes the sweep's pending cells, records their rows and writes the table. */
    SweepJob.Table sweep(SweepJob job, String master);

    /** The engine called {@code name} on the class path. */
    static Optional<ClusterEngine> named(String name) {
        return ServiceLoader.load(ClusterEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(name)).findFirst();
    }

    /** The engine {@code --engine} names, or a usage error saying how to get it. */
    static ClusterEngine require(String name) {
        return named(name).orElseThrow(() -> new Main.UsageError("--engine " + name + ": no such engine on the class path; "
                + "expected local, or spark with the optional module built (mvn -Pspark package -DskipTests; then "
                + "./pruneproof-spark, or ./pruneproof picks it up)"));
    }
}
