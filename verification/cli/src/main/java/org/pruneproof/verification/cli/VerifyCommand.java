package org.pruneproof.verification.cli;

import java.util.concurrent.Callable;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.engine.CatalogueRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof verify}: the whole catalogue with the full budget, then the report (the main job). */
@Command(name = "verify", description = "Check the whole catalogue (full budget by default) and write the report.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--budget", description = "full (the main job) or default (what mvn verify uses); default: ${DEFAULT-VALUE}",
            defaultValue = "full")
    String budget;

    @Mixin
    RunOptions options;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        ClusterEngine cluster = engine.cluster();
        org.pruneproof.verification.engine.RunConfig config = options.config(budget, "pruneproof verify --budget " + budget);
        CatalogueRun run = new CatalogueRun(config, Engines.describe(), ReplayCommands.PRUNEPROOF);
        if (cluster == null) {
            run.checkAll(RunOptions.catalogue(), options.jobs());
        } else {
            cluster.claims(config, RunOptions.catalogue().claims().stream().map(c -> c.spec().id()).toList(), engine.master())
                    .forEach(run::record);
        }
        run.write();
        return CheckCommand.Summary.print(run.results(), spec.commandLine().getOut());
    }
}
