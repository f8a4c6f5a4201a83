package org.pruneproof.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.scaled.jobs.SweepCell;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.CounterexampleStore;

/**
 * The project's tasks on Spark: claims of the catalogue and sweep cells, one Spark task each, computed on the
 * executors by the same code as the local engine (a claim by {@code ClaimRunner} on one thread, a cell by the prune
 * job) and merged on the driver in the order they were given, so the driver writes what the local engine writes.
 *
 * <p>ND4J on executors: each task's ND4J uses {@code spark.task.cpus} threads ({@code OMP_NUM_THREADS} on the
 * executors, set by {@link #conf}); its buffers live off the Java heap, so executors need memory overhead for them.
 */
public final class SparkTasks {

    private SparkTasks() {
    }

    /**
     * The configuration the project's tasks need: no UI, Kryo off (the tasks are plain strings and records), ND4J's
     * threads per task = {@code spark.task.cpus}, and executor memory overhead for ND4J's off-heap buffers.
     */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).set("spark.ui.enabled", "false")
                .setIfMissing("spark.task.cpus", "1").setIfMissing("spark.executor.memoryOverhead", "1g");
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setExecutorEnv("OMP_NUM_THREADS", conf.get("spark.task.cpus"));
        return conf;
    }

    /** Checks the claims {@code ids} as one Spark task each; returns their results in the order of {@code ids}. */
    public static List<ClaimResult> claims(JavaSparkContext sc, ClaimTask task, List<String> ids) {
        List<String> json = sc.parallelize(ids, Math.max(1, ids.size())).map(task::check).collect();
        List<ClaimResult> results = new ArrayList<>();
        for (String j : json) {
            try {
                results.add(ResultsFiles.mapper().readValue(j, ClaimResult.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an executor's result does not decode: " + e.getOriginalMessage(), e);
            }
        }
        return results;
    }

    /**
     * Adds a counterexample found on an executor to the driver's store, as the local engine stores it (claims about every
     * instance only; an identical instance already stored is kept): an executor's own store is on its file system, which
     * on a cluster is not the driver's.
     */
    public static void storeOnDriver(CounterexampleStore store, Claim<?> claim, ClaimResult r) {
        JsonNode cx = r.counterexample();
        if (cx == null || !cx.has("instance") || !claim.spec().acceptance().isEveryInstance()) {
            return;
        }
        store.save(r.id(), cx.get("instance"), cx.path("message").asText(), cx.path("seed").asLong(), cx.path("size").asInt());
    }

    /**
     * Computes the sweep's pending cells as one Spark task each, records every row on the driver (atomically, as the
     * local engine does; the executors need no shared file system) and writes the table.
     */
    public static SweepJob.Table sweep(JavaSparkContext sc, SweepJob job) {
        List<SweepCell> pending = job.pending();
        // Spark jobs of twice the cluster's parallelism: each job's rows are recorded when it returns, so an
        // interrupted sweep loses at most the cells of its last job.
        int chunk = Math.max(1, 2 * sc.defaultParallelism());
        for (int from = 0; from < pending.size(); from += chunk) {
            List<SweepCell> part = pending.subList(from, Math.min(pending.size(), from + chunk));
            List<String> rows = sc.parallelize(new ArrayList<>(part), part.size()).map(SparkTasks::row).collect();
            for (int i = 0; i < part.size(); i++) {
                try {
                    job.record(part.get(i), ResultsFiles.mapper().readValue(rows.get(i), new TypeReference<Map<String, Object>>() { }));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("an executor's row does not decode: " + e.getOriginalMessage(), e);
                }
            }
        }
        return job.finish();
    }

    /** One cell's row, computed on an executor, as JSON. */
    static String row(SweepCell cell) throws JsonProcessingException {
        return ResultsFiles.mapper().writeValueAsString(SweepJob.compute(cell, SweepCommand.configure(cell)));
    }
}
