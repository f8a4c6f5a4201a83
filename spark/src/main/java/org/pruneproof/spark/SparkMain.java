package org.pruneproof.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.pruneproof.reports.html.SweepReport;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.RunConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark entry point: {@code verify} (catalogue claims, one task each) and {@code sweep} (one task a cell), writing
 * what {@code ./pruneproof verify} and {@code ./pruneproof sweep} write. Embedded with {@code --master local[*]}, on
 * a standalone cluster with {@code --master spark://HOST:7077}, or without {@code --master} under
 * {@code spark-submit --class org.pruneproof.spark.SparkMain} (the master then comes from spark-submit).
 */
@Command(name = "pruneproof-spark", mixinStandardHelpOptions = true, subcommands = {SparkMain.Verify.class, SparkMain.Sweep.class},
        description = "pruneproof's claims and sweeps on Apache Spark.")
public final class SparkMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options every Spark command has. */
    static final class Master {
        @Option(names = "--master", description = "local[*], local[N], spark://HOST:7077; default: spark-submit's")
        String master;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check catalogue claims on Spark; write results.json and index.html.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        Master spark = new Master();

        @Option(names = "--only", split = ",", description = "claim ids (default: the whole catalogue)")
        List<String> only;

        @Option(names = "--budget", defaultValue = "default", description = "default or full (default ${DEFAULT-VALUE})")
        String budget;

        @Option(names = "--seed", defaultValue = "20201", description = "run seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--tries", description = "instances per claim, overriding each claim's budget")
        Integer tries;

        @Option(names = "--root", defaultValue = ".", description = "repository root; results go to ROOT/target/pruneproof")
        Path root;

        @Override
        public Integer call() {
            RunConfig config = RunConfig.at(root.toAbsolutePath().normalize(), seed, budget, tries, null, "pruneproof-spark verify");
            Catalogue catalogue = Catalogue.discover();
            List<String> ids = only == null ? catalogue.claims().stream().map(c -> c.spec().id()).toList() : only;
            for (String id : ids) {
                if (catalogue.find(id).isEmpty()) {
                    System.err.println("pruneproof-spark: unknown claim id '" + id + "'");
                    return 2;
                }
            }
            CatalogueRun run = new CatalogueRun(config, Engines.describe() + "; on Apache Spark");
            try (JavaSparkContext sc = SparkTasks.start(SparkTasks.conf(spark.master, "pruneproof verify"))) {
                SparkTasks.claims(sc, config, ids).forEach(run::record);
            } catch (SparkTasks.MasterUnusable e) {
                System.err.println("pruneproof-spark: " + e.getMessage());
                return 2;
            }
            run.write();
            PrintWriter out = new PrintWriter(System.out, true);
            long contradictions = run.results().stream().filter(r -> !r.agrees()).count();
            out.println(run.results().size() + " claims checked on Spark; " + contradictions + " contradict their expectation");
            return contradictions == 0 ? 0 : 1;
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true, description = "A sweep (the options of ./pruneproof sweep) with one Spark task a cell.")
    static final class Sweep implements Callable<Integer> {
        @CommandLine.Mixin
        Master spark = new Master();

        @CommandLine.Unmatched
        List<String> sweepOptions;

        @Override
        public Integer call() {
            SweepCommand sweep = new SweepCommand();
            new CommandLine(sweep).parseArgs(sweepOptions == null ? new String[0] : sweepOptions.toArray(String[]::new));
            var cells = sweep.cells();
            SweepCommand.check(cells);
            SweepJob job = new SweepJob(sweep.out(), cells, sweep.plan());
            SweepJob.Table table;
            try (JavaSparkContext sc = SparkTasks.start(SparkTasks.conf(spark.master, "pruneproof sweep"))) {
                table = SparkTasks.sweep(sc, job);
            } catch (SparkTasks.MasterUnusable e) {
                System.err.println("pruneproof-spark: " + e.getMessage());
                return 2;
            }
            Path html = SweepReport.write(table.json(), job.folder());
            System.out.println("sweep of " + cells.size() + " cells on Spark: wrote " + table.csv() + ", " + table.json() + " and " + html);
            return 0;
        }
    }

}
