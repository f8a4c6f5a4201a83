package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof list}: the claims of the catalogue, one per line. */
@Command(name = "list", description = "List the claims: id, expectation, provenance and title.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Claim<?> c : RunOptions.catalogue().claims()) {
            ClaimSpec s = c.spec();
            out.printf("%-44s %-10s %-11s %s%n", s.id(), s.expected().label(), s.provenance().kind().label(), s.title());
        }
        out.flush();
        return 0;
    }
}
