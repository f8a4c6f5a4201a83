package org.pruneproof.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import java.nio.file.Path;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * What an executor needs to check one claim of the catalogue: the run's settings as plain values (a
 * {@link RunConfig} holds paths, which do not travel), turned back into a configuration on the executor. The result
 * travels back as results.json's JSON for one claim, so driver and executors agree on it field by field.
 *
 * @param root      the repository root as the executor sees it (counterexample store, tightest instances)
 * @param seed      the run's seed
 * @param budget    {@code default} or {@code full}
 * @param tries     override of every claim's tries, or null
 * @param timeScale multiplier of every claim's time limit, or null
 * @param command   how the run was started, for the report
 */
public record ClaimTask(String root, long seed, String budget, Integer tries, Double timeScale, String command) implements Serializable {

    /** The task of a run with this configuration. */
    public static ClaimTask of(RunConfig c) {
        return new ClaimTask(c.root().toAbsolutePath().toString(), c.seed(), c.budgetName(), c.tries(), c.timeScale(), c.command());
    }

    /** The configuration on the executor. */
    public RunConfig config() {
        return RunConfig.at(Path.of(root), seed, budget, tries, timeScale, command);
    }

    /** Checks the claim {@code id} here (on one thread) and returns its result as JSON. */
    public String check(String id) {
        Claim<?> claim = Catalogue.discover().find(id)
                .orElseThrow(() -> new IllegalArgumentException("no claim '" + id + "' on this executor's class path"));
        ClaimResult r = new ClaimRunner(config(), ReplayCommands.PRUNEPROOF).run(claim);
        try {
            return ResultsFiles.mapper().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(id + ": cannot encode the result: " + e.getOriginalMessage(), e);
        }
    }
}
