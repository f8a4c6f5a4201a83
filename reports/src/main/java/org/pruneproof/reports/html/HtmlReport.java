package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import java.nio.file.Path;
import java.util.Locale;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.reports.results.RunInfo;
import org.pruneproof.reports.results.RunResults;

/**
 * Renders a run's results as one self-contained HTML file (no external resources).
 */
public final class HtmlReport {

    /** File name of the report inside its directory. */
    public static final String FILE_NAME = "index.html";

    private HtmlReport() {
    }

    /** Renders and writes {@code dir/index.html} atomically; returns the file. */
    public static Path write(RunResults results, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        ResultsFiles.writeAtomically(file, render(results));
        return file;
    }

    /** The report as HTML text. */
    public static String render(RunResults results) {
        StringBuilder h = new StringBuilder(16_384);
        RunInfo run = results.run();
        long disagreeing = results.claims().stream().filter(c -> !c.agrees()).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>pruneproof report</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.ok{color:#1a7f37}.bad{color:#b42318;font-weight:bold}")
                .append("code{font-size:.9em}\n</style>\n</head>\n<body>\n")
                .append("<h1>pruneproof report</h1>\n<p id=\"summary\">")
                .append(results.claims().size()).append(" claims; ")
                .append(disagreeing == 0 ? "every verdict agrees with its expectation."
                        : disagreeing + " verdict(s) contradict their expectation.")
                .append("</p>\n");
        h.append("<table id=\"claims\">\n<thead><tr><th>claim</th><th>paper</th><th>provenance</th>")
                .append("<th>expected</th><th>verdict</th><th>tries</th><th>discarded</th>")
                .append("<th>worst ratio</th><th>time</th><th>replay</th></tr></thead>\n<tbody>\n");
        for (ClaimResult c : results.claims()) {
            h.append("<tr id=\"").append(escape(c.id())).append("\"><td><b>").append(escape(c.id()))
                    .append("</b><br>").append(escape(c.title())).append("</td><td>").append(escape(c.paper()))
                    .append("<br><small>").append(escape(c.theorem())).append("</small></td><td>")
                    .append(escape(c.provenance())).append(c.constantsVerified() ? "" : " <i>(unverified)</i>")
                    .append("</td><td>").append(escape(c.expected())).append("</td><td class=\"")
                    .append(c.agrees() ? "ok" : "bad").append("\">").append(escape(c.verdict()))
                    .append("<br><small>").append(escape(c.reason())).append("</small></td><td>")
                    .append(c.tries()).append("</td><td>").append(c.discarded()).append("</td><td>")
                    .append(c.worstRatio() == null ? "–" : String.format(Locale.ROOT, "%.4g", c.worstRatio()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f s", c.durationMs() / 1000.0))
                    .append("</td><td><code>").append(escape(c.replay())).append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<h2>Run</h2>\n<table id=\"run\">\n");
        row(h, "command", run.command());
        row(h, "JDK", run.jdk());
        row(h, "OS", run.os());
        row(h, "CPU", run.cpu() + " (" + run.cores() + " cores)");
        row(h, "back-end", run.backend());
        row(h, "seed", Long.toString(run.seed()));
        row(h, "budget", run.budget());
        row(h, "git commit", run.gitCommit());
        row(h, "start", run.start());
        row(h, "duration", String.format(Locale.ROOT, "%.1f s", run.durationMs() / 1000.0));
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }
}
