package org.pruneproof.verification.cli;

import picocli.CommandLine.Option;

/** Where the tasks run: this machine's workers, or a cluster engine ({@link ClusterEngine}). */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "local (this machine, default) or spark (the optional Spark module; embedded local[*] unless --master)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: local[N], local[*] (default) or spark://HOST:7077")
    String master;

    /** The cluster engine asked for, or null for the local one. */
    ClusterEngine cluster() {
        if (engine.equals("local")) {
            if (master != null) {
                throw new Main.UsageError("--master " + master + ": only with --engine spark");
            }
            return null;
        }
        return ClusterEngine.require(engine);
    }

    /** The master URL: --master, or local[*]. */
    String master() {
        return master == null ? "local[*]" : master;
    }
}
