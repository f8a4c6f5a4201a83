package org.pruneproof.reports.results;

import java.util.Map;

/**
 * The environment and parameters of one run.
 *
 * @param tool        pruneproof version
 * @param command     what was run (e.g. {@code mvn verify}, {@code pruneproof verify})
 * @param jdk         Java runtime name and version
 * @param os          operating system and architecture
 * @param cpu         CPU model
 * @param cores       available processors
 * @param maxHeapMb   maximum heap in MiB
 * @param backend     numerical back-ends in use
 * @param seed        the run's seed
 * @param budget      budget name ({@code default}, {@code full}) and overrides
 * @param gitCommit   commit of the working tree (with "-dirty" when modified), or "unknown"
 * @param start       ISO-8601 start time
 * @param durationMs  total wall-clock time
 * @param libraries   versions of the numerical libraries
 */
public record RunInfo(String tool, String command, String jdk, String os, String cpu, int cores,
                      long maxHeapMb, String backend, long seed, String budget, String gitCommit,
                      String start, long durationMs, Map<String, String> libraries) {

    public RunInfo {
        libraries = libraries == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(libraries));
    }
}
