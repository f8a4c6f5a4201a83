package org.pruneproof.verification.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pruneproof.reports.html.HtmlReport;
import org.pruneproof.reports.results.InvalidResultsException;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pruneproof report --results FILE --out DIR}: re-renders the HTML report of any results file. */
@Command(name = "report", description = "Re-render index.html from a results.json file.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, paramLabel = "FILE", description = "a results.json file")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for index.html")
    Path out;

    @Override
    public Integer call() {
        RunResults r;
        try {
            r = ResultsFiles.read(results);
        } catch (InvalidResultsException e) {
            throw new Main.UsageError(e.getMessage());
        }
        Path file = HtmlReport.write(r, out);
        spec.commandLine().getOut().println("report: " + file.toAbsolutePath());
        return 0;
    }
}
