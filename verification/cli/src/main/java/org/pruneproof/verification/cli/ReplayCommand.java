package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.engine.ClaimRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof replay ID --seed S [--size Z]}: regenerates one instance, checks it, and shrinks it if it fails. */
@Command(name = "replay", description = "Replay one instance of a claim from its seed (as printed by a failure).")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "claim id")
    String id;

    @Option(names = "--size", description = "size parameter, 1..100 (default ${DEFAULT-VALUE})", defaultValue = "100")
    int size;

    @Option(names = "--instance", paramLabel = "FILE", description = "check the instance stored in FILE (a tightest instance "
            + "from target/pruneproof/tight/, or a counterexample) instead of generating one from --seed")
    java.nio.file.Path instanceFile;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        if (size < 1 || size > Gen.MAX_SIZE) {
            throw new Main.UsageError("--size must be in 1.." + Gen.MAX_SIZE + ", got " + size);
        }
        Claim<?> claim = RunOptions.claim(RunOptions.catalogue(), id);
        return replay(claim);
    }

    private <I> int replay(Claim<I> claim) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClaimRunner runner = new ClaimRunner(options.config("default", "pruneproof replay " + id),
                org.pruneproof.reports.results.ReplayCommands.PRUNEPROOF);
        ClaimRunner.Replay<I> r;
        if (instanceFile != null) {
            com.fasterxml.jackson.databind.JsonNode json;
            try {
                json = ResultsFiles.mapper().readTree(instanceFile.toFile());
            } catch (java.io.IOException e) {
                throw new Main.UsageError("--instance " + instanceFile + ": cannot read it as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            try {
                r = runner.replayInstance(claim, json);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--instance " + instanceFile + ": not an instance of " + id + " ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        } else {
            r = runner.replay(claim, options.seed, size);
        }
        var mapper = ResultsFiles.mapper();
        out.println("instance: " + mapper.writeValueAsString(r.instance()));
        if (r.outcome() instanceof Outcome.Discarded d) {
            out.println("DISCARDED: " + d.reason());
        } else {
            Outcome.Checked c = (Outcome.Checked) r.outcome();
            out.println((c.holds() ? "HOLDS" : "FAILS") + " (ratio " + c.ratio() + "): " + c.message());
            if (!c.holds() && !claim.spec().acceptance().isEveryInstance()) {
                out.println("note: " + claim.spec().id() + " is judged over experiments (" + claim.spec().acceptance().describe()
                        + "); one failing experiment does not falsify it by itself");
            }
        }
        if (r.counterexample() != null) {
            out.println("shrunk in " + r.shrinkSteps() + " steps to:");
            out.println(mapper.writeValueAsString(r.counterexample()));
        }
        out.flush();
        return 0;
    }
}
