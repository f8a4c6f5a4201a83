package org.pruneproof.verification.engine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.pruneproof.verification.api.Budget;

/**
 * Parameters of a run of the catalogue.
 *
 * @param root        repository root: results go to {@code root/target/pruneproof}
 * @param storeDir    counterexample store (committed with the project so found counterexamples stay)
 * @param seed        the run's seed
 * @param budgetName  {@code default} (mvn verify, under 20 minutes on 2 cores) or {@code full} (main job)
 * @param tries       overrides every claim's number of tries, or null
 * @param timeScale   multiplies every claim's time limit, or null
 * @param command     how the run was started, for the report
 */
public record RunConfig(Path root, Path storeDir, long seed, String budgetName, Integer tries,
                        Double timeScale, String command) {

    /** Default run seed. */
    public static final long DEFAULT_SEED = 20201L;

    /** How much larger the full budget (the main job) is than the default one. */
    public static final double FULL_FACTOR = 10;

    public RunConfig {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(storeDir, "storeDir");
        budgetName = budgetName == null ? "default" : budgetName.toLowerCase(Locale.ROOT);
        if (!budgetName.equals("default") && !budgetName.equals("full")) {
            throw new IllegalArgumentException("budget must be 'default' or 'full', got '" + budgetName + "'");
        }
        if (tries != null && tries < 1) {
            throw new IllegalArgumentException("tries must be ≥ 1, got " + tries);
        }
        if (timeScale != null && !(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be > 0, got " + timeScale);
        }
    }

    /** A config with the repository's default store and results locations. */
    public static RunConfig at(Path root, long seed, String budgetName, Integer tries, Double timeScale, String command) {
        return new RunConfig(root, root.resolve("counterexamples"), seed, budgetName, tries, timeScale, command);
    }

    /** Where this run writes results.json and index.html. */
    public Path outputDir() {
        return root.resolve("target").resolve("pruneproof");
    }

    /** Where the targeted search writes the tightest instance of each claim, as {@code <id>.json}. */
    public Path tightDir() {
        return outputDir().resolve("tight");
    }

    /** The budget a claim gets in this run. */
    public Budget effective(Budget declared) {
        Budget b = budgetName.equals("full") ? declared.scaled(FULL_FACTOR) : declared;
        if (timeScale != null) {
            b = b.withTime(java.time.Duration.ofMillis(Math.max(1, Math.round(b.time().toMillis() * timeScale))));
        }
        if (tries != null) {
            b = b.withTries(tries);
        }
        return b;
    }

    /** The budget in words, for the report. */
    public String describeBudget() {
        StringBuilder s = new StringBuilder(budgetName);
        if (tries != null) {
            s.append(", tries=").append(tries);
        }
        if (timeScale != null) {
            s.append(", time×").append(timeScale);
        }
        return s.toString();
    }
}
