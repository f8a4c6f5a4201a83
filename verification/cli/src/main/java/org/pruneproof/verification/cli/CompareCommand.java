package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pruneproof.reports.results.InvalidResultsException;
import org.pruneproof.reports.results.ResultsComparison;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof compare A B}: whether two results files found the same thing, timings and machine aside. */
@Command(name = "compare", description = "Compare two results.json files, timings and machine aside; exit 0 when equal, 1 when not.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "a results.json")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "another results.json")
    Path b;

    @Override
    public Integer call() {
        RunResults ra = read(a);
        RunResults rb = read(b);
        List<String> diffs = ResultsComparison.differences(ra, rb);
        var out = spec.commandLine().getOut();
        Set<String> clocked = ResultsComparison.timeLimited(ra, rb);
        if (!clocked.isEmpty()) {
            out.println("note: a time budget ran out for " + String.join(", ", clocked)
                    + " (results that depend on the machine's speed and load)");
        }
        if (diffs.isEmpty()) {
            out.println("same results: " + ra.claims().size() + " claims (timings and machine left out)");
            return 0;
        }
        diffs.forEach(out::println);
        out.println(diffs.size() + " differences");
        return Main.CONTRADICTION;
    }

    private static RunResults read(Path file) {
        try {
            return ResultsFiles.read(file);
        } catch (InvalidResultsException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }
}
