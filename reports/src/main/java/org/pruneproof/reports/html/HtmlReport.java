package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Claims.nz;
import static org.pruneproof.reports.html.Html.escape;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.RunInfo;
import org.pruneproof.reports.results.RunResults;

/**
 * Renders a run's results as one self-contained HTML file: summary, table of claims with filters,
 * the reproduction of the papers' figures, one section per claim, and the run's environment. KaTeX
 * (for the statements), its fonts, the style sheet and the script are inlined; the plots are inline
 * SVG. The page requests nothing from the network, and prints without its interactive parts.
 */
public final class HtmlReport {

    /** File name of the report inside its directory. */
    public static final String FILE_NAME = "index.html";

    private HtmlReport() {
    }

    /** Renders and writes {@code dir/index.html} atomically; returns the file. */
    public static Path write(RunResults results, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeString(file, render(results));
        return file;
    }

    /** The report as HTML text. */
    public static String render(RunResults results) {
        RunInfo run = results.run() == null
                ? new RunInfo(null, null, null, null, null, 0, 0, null, 0, null, null, null, 0, null) : results.run();
        List<ClaimResult> claims = results.claims().stream().filter(java.util.Objects::nonNull).toList();
        Assets.Katex katex = Assets.katex();
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:; img-src data:\">\n")
                .append("<title>pruneproof report — ").append(escape(nz(run.start()))).append("</title>\n")
                .append("<style>\n").append(katex.css()).append("\n</style>\n")
                .append("<style>\n").append(Assets.reportCss()).append("</style>\n")
                .append("<script>\n").append(Assets.inlineScript(katex.script())).append("\n</script>\n")
                .append("<script>\n").append(Assets.inlineScript(Assets.reportScript())).append("</script>\n")
                .append("</head>\n<body>\n");
        h.append("<header class=\"top\"><h1>pruneproof verification report</h1><div class=\"sub\">")
                .append(escape(nz(run.command()))).append(" · ").append(escape(nz(run.start()))).append(" · commit ")
                .append(escape(nz(run.gitCommit()))).append(" · budget ").append(escape(nz(run.budget()))).append(" · seed ")
                .append(run.seed()).append(" · ").append(Numbers.seconds(run.durationMs())).append("</div></header>\n")
                .append("<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#claims\">Claims</a>")
                .append("<a href=\"#reproduction\">Reproduction</a><a href=\"#details\">Claim details</a>")
                .append("<a href=\"#environment\">Environment</a></nav>\n<main>\n");
        SummarySection.write(h, claims);
        ClaimTable.write(h, claims);
        ReproductionSection.write(h, claims);
        h.append("<section id=\"details\">\n<h2>Claim details</h2>\n");
        Map<String, Integer> byId = new java.util.HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            byId.putIfAbsent(claims.get(i).id(), i);
        }
        for (int i = 0; i < claims.size(); i++) {
            ClaimSection.write(h, claims.get(i), i, byId, claims);
        }
        h.append("</section>\n");
        environment(h, run, claims, katex.version());
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void environment(StringBuilder h, RunInfo run, List<ClaimResult> claims, String katexVersion) {
        h.append("<section id=\"environment\">\n<h2>Environment</h2>\n<div class=\"twocol\">\n<table id=\"run\">\n");
        row(h, "command", run.command());
        row(h, "pruneproof", run.tool());
        row(h, "JDK", run.jdk());
        row(h, "OS", run.os());
        row(h, "CPU", nz(run.cpu()) + " (" + run.cores() + " cores)");
        row(h, "max heap", run.maxHeapMb() + " MiB");
        row(h, "back-end", run.backend());
        row(h, "run seed", Long.toString(run.seed()));
        row(h, "budget", run.budget());
        row(h, "git commit", run.gitCommit());
        row(h, "start", run.start());
        row(h, "duration", Numbers.seconds(run.durationMs()));
        new TreeMap<>(run.libraries()).forEach((k, v) -> row(h, k, v));
        row(h, "report maths", "KaTeX " + katexVersion + " (inlined)");
        h.append("</table>\n<table id=\"durations\">\n<thead><tr><th>claim</th><th class=\"n\">seed</th>")
                .append("<th class=\"n\">time</th><th>share of the run</th></tr></thead>\n<tbody>\n");
        long total = Math.max(1, claims.stream().mapToLong(ClaimResult::durationMs).sum());
        for (int i = 0; i < claims.size(); i++) {
            ClaimResult c = claims.get(i);
            double share = Math.max(0, (double) c.durationMs() / total);
            h.append("<tr><td><a href=\"#").append(Claims.anchor(i)).append("\"><code>").append(escape(c.id()))
                    .append("</code></a></td><td class=\"n mono\">").append(c.seed()).append("</td><td class=\"n\">")
                    .append(Numbers.seconds(c.durationMs())).append("</td><td><svg width=\"120\" height=\"10\" role=\"img\" ")
                    .append("aria-label=\"").append(Numbers.percent(share)).append("\"><rect width=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", 120 * share))
                    .append("\" height=\"10\" fill=\"#0072B2\"/></svg> ").append(Numbers.percent(share)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }
}
