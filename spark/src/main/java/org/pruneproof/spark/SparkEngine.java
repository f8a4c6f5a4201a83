package org.pruneproof.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.cli.ClusterEngine;
import org.pruneproof.verification.cli.Main;
import org.pruneproof.verification.engine.RunConfig;

/**
 * {@code --engine spark}: the command line's claims and sweep cells on Spark ({@link SparkTasks}). A master that gives
 * no executor is a one-line usage error naming {@code --master}.
 */
public final class SparkEngine implements ClusterEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<ClaimResult> claims(RunConfig config, List<String> ids, String master) {
        try (JavaSparkContext sc = start(master, "pruneproof verify")) {
            return SparkTasks.claims(sc, config, ids);
        }
    }

    @Override
    public SweepJob.Table sweep(SweepJob job, String master) {
        try (JavaSparkContext sc = start(master, "pruneproof sweep")) {
            return SparkTasks.sweep(sc, job);
        }
    }

    private static JavaSparkContext start(String master, String appName) {
        try {
            return SparkTasks.start(SparkTasks.conf(master, appName));
        } catch (SparkTasks.MasterUnusable e) {
            throw new Main.UsageError(e.getMessage());
        }
    }
}
