package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.engine.CatalogueRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof check ID… [--tries N] [--seed S]}: checks some claims and writes the report. */
@Command(name = "check", description = "Check one or more claims and write results.json and index.html.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "claim ids (see 'pruneproof list')")
    List<String> ids;

    @Option(names = "--budget", description = "default or full (default: ${DEFAULT-VALUE})", defaultValue = "default")
    String budget;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        Catalogue catalogue = RunOptions.catalogue();
        List<Claim<?>> claims = new ArrayList<>();
        for (String id : ids) {
            claims.add(RunOptions.claim(catalogue, id));
        }
        CatalogueRun run = new CatalogueRun(options.config(budget, "pruneproof check " + String.join(" ", ids)), Engines.describe(),
                ReplayCommands.PRUNEPROOF);
        run.checkAll(claims, options.jobs());
        run.write();
        return Summary.print(run.results(), spec.commandLine().getOut());
    }

    /** Prints one line per claim and returns the exit status. */
    static final class Summary {
        private Summary() {
        }

        static int print(List<ClaimResult> results, PrintWriter out) {
            int contradictions = 0;
            for (ClaimResult r : results) {
                out.printf("%-44s %-12s expected %-9s tries %5d  discarded %4d  worst ratio %s%n", r.id(), r.verdict(),
                        r.expected(), r.tries(), r.discarded(),
                        r.worstRatio() == null ? "–" : String.format(java.util.Locale.ROOT, "%.4g", r.worstRatio()));
                if (!r.agrees()) {
                    contradictions++;
                    out.println("  CONTRADICTS THE EXPECTATION: " + r.reason());
                    out.println("  replay: " + r.replay());
                } else if ("INCONCLUSIVE".equals(r.verdict())) {
                    out.println("  inconclusive: " + r.reason());
                }
            }
            out.flush();
            return contradictions == 0 ? 0 : Main.CONTRADICTION;
        }
    }
}
