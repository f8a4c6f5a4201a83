package org.pruneproof.verification.junit;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.pruneproof.verification.engine.ParallelRun;
import org.pruneproof.verification.engine.RunConfig;

/**
 * The engine's settings, read from JUnit configuration parameters (which include system properties, so
 * {@code mvn verify -Dpruneproof.seed=7} works):
 * <ul>
 *   <li>{@code pruneproof.root}: the project folder; results go to {@code <root>/target/pruneproof} and found
 *       counterexamples are kept in {@code <root>/counterexamples} (default: the working directory, which Surefire
 *       sets to the module's folder);</li>
 *   <li>{@code pruneproof.seed} (default {@value RunConfig#DEFAULT_SEED}), {@code pruneproof.budget}
 *       ({@code default} or {@code full}), {@code pruneproof.tries}, {@code pruneproof.timeScale}: as for the
 *       project's own catalogue;</li>
 *   <li>{@code pruneproof.backend}: the numerical engines the claims use, in words, for the report;</li>
 *   <li>{@code pruneproof.jobs}: how many claims (and experiments of a claim) are checked at once (default: the number
 *       of cores; the results do not depend on it).</li>
 * </ul>
 *
 * @param config  the run's configuration
 * @param backend the engines in words
 * @param jobs    the workers
 */
record EngineSettings(RunConfig config, String backend, int jobs) {

    static EngineSettings from(ConfigurationParameters p) {
        Path root = Path.of(p.get("pruneproof.root").filter(s -> !s.isBlank()).orElse(System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
        long seed = parse(p.get("pruneproof.seed"), "pruneproof.seed", "an integer seed", Long::valueOf)
                .orElse(RunConfig.DEFAULT_SEED);
        String budget = p.get("pruneproof.budget").filter(s -> !s.isBlank()).orElse("default");
        Integer tries = parse(p.get("pruneproof.tries"), "pruneproof.tries", "a whole number ≥ 1", Integer::valueOf).orElse(null);
        Double timeScale = parse(p.get("pruneproof.timeScale"), "pruneproof.timeScale", "a number > 0", Double::valueOf).orElse(null);
        int jobs = parse(p.get("pruneproof.jobs"), "pruneproof.jobs", "a whole number ≥ 1", Integer::valueOf)
                .orElse(ParallelRun.defaultJobs());
        if (jobs < 1) {
            throw new IllegalArgumentException("pruneproof engine configuration: pruneproof.jobs must be a whole number ≥ 1, got " + jobs);
        }
        String backend = p.get("pruneproof.backend").filter(s -> !s.isBlank()).orElse("the claims' own code (not described)");
        RunConfig config;
        try {
            config = RunConfig.at(root, seed, budget, tries, timeScale, "JUnit Platform (pruneproof engine)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pruneproof engine configuration: " + e.getMessage(), e);
        }
        return new EngineSettings(config, backend, jobs);
    }

    private static <T> Optional<T> parse(Optional<String> value, String name, String expected,
                                         java.util.function.Function<String, T> parser) {
        return value.filter(s -> !s.isBlank()).map(s -> {
            try {
                return parser.apply(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pruneproof engine configuration: " + name + " must be " + expected
                        + ", got '" + s + "'");
            }
        });
    }
}
