package org.pruneproof.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.jobs.SweepCell;
import org.pruneproof.scaled.jobs.SweepJob;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.cli.SweepCommand;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.CounterexampleStore;
import org.pruneproof.verification.engine.RunConfig;

/**
 * The project's tasks on Spark: claims of the catalogue and sweep cells, one Spark task each, computed on the
 * executors by the same code as the local engine (a claim by {@code ClaimRunner} on one thread, a cell by the prune
 * job) and merged on the driver in the order they were given, so the driver writes what the local engine writes.
 *
 * <p>ND4J on executors: each task's ND4J uses {@code spark.task.cpus} threads ({@code OMP_NUM_THREADS} on the
 * executors, set by {@link #conf}); its buffers live off the Java heap, so executors need memory overhead for them.
 */
public final class SparkTasks {

    /** The master URLs Spark accepts: local[N], local[N,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT], yarn, k8s://. */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?\\])?|local-cluster\\[\\d+, *\\d+, *\\d+\\]|spark://[^\\s:/,]+:\\d+(,[^\\s:/,]+:\\d+)*|yarn|k8s://\\S+");

    /** Spark setting: seconds the driver waits for a cluster's first executor before it gives up (default 120). */
    public static final String EXECUTOR_WAIT = "spark.pruneproof.executorWaitSeconds";

    private SparkTasks() {
    }

    /** The master named cannot run the tasks: a URL Spark cannot parse, or no executor registered in time. */
    public static final class MasterUnusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MasterUnusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The configuration the project's tasks need: no UI, Kryo off (the tasks are plain strings and records), ND4J's
     * threads per task = {@code spark.task.cpus}, executor memory overhead for ND4J's off-heap buffers, the driver's
     * {@code -Dpruneproof.onednn} on executors, and on a cluster the application's jars ({@link ExecutorJars}).
     */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).set("spark.ui.enabled", "false")
                .setIfMissing("spark.task.cpus", "1").setIfMissing("spark.executor.memoryOverhead", "1g");
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setExecutorEnv("OMP_NUM_THREADS", conf.get("spark.task.cpus"));
        String onednn = System.getProperty(Nd4jDefaults.HELPERS_PROPERTY);
        if (onednn != null && !onednn.isBlank()) {
            String opts = conf.get("spark.executor.extraJavaOptions", "");
            conf.set("spark.executor.extraJavaOptions", (opts + " -D" + Nd4jDefaults.HELPERS_PROPERTY + "=" + onednn.trim()).trim());
        }
        ExecutorJars.ship(conf);
        return conf;
    }

    /**
     * A Spark context for {@code conf}; on a cluster, once its first executor has registered. A master URL Spark cannot
     * parse, a master that does not answer (Spark gives up registering after about a minute), or a cluster that gives
     * no executor within {@value #EXECUTOR_WAIT} seconds (no worker, too few free cores or too little memory for
     * {@code spark.executor.memory}, a driver the workers cannot reach), is an
     * {@link MasterUnusable} that says so in one line, not a job that waits forever.
     */
    public static JavaSparkContext start(SparkConf conf) {
        String master = conf.get("spark.master", "");
        String expected = ": expected local[*], local[N] or spark://HOST:PORT (or run under spark-submit --master URL)";
        if (!MASTER.matcher(master).matches()) {
            throw new MasterUnusable("--master " + (master.isEmpty() ? "(none)" : master) + expected, null);
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) {  // Scala's SparkException is a checked exception Java does not see declared
            if (String.valueOf(e.getMessage()).contains("Could not parse Master URL")) {
                throw new MasterUnusable("--master " + master + expected, e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Spark did not start: " + e.getMessage(), e);
        }
        if (ExecutorJars.inThisJvm(master)) {
            return sc;
        }
        long waitSeconds = conf.getLong(EXECUTOR_WAIT, 120);
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            boolean stopped = sc.sc().isStopped();
            // The status tracker lists the driver among the executors.
            if (!stopped && sc.sc().statusTracker().getExecutorInfos().length >= 2) {
                break;
            }
            if (stopped || System.nanoTime() > deadline) {
                String driverHost = sc.getConf().get("spark.driver.host", "?");
                sc.close();
                throw new MasterUnusable(stopped
                        ? "--master " + master + ": Spark stopped the application before any executor registered (no master answered):"
                                + " is the master running and reachable from this machine at that address?"
                        : "--master " + master + ": no executor registered within " + waitSeconds + " s; is a worker running with a"
                                + " free core and spark.executor.memory=" + conf.get("spark.executor.memory", "1g") + " free, and can it"
                                + " reach this driver at spark.driver.host=" + driverHost + "? (" + EXECUTOR_WAIT + " sets the wait)", null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                sc.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
        return sc;
    }

    /**
     * Checks the claims {@code ids} of a run with {@code config} as one Spark task each ({@link ClaimTask}); writes what
     * the executors found into the driver's folders as the local engine would (a new counterexample into the store,
     * the tightest instance into {@link RunConfig#tightDir}), and returns the results in the order of {@code ids}.
     */
    public static List<ClaimResult> claims(JavaSparkContext sc, RunConfig config, List<String> ids) {
        Catalogue catalogue = Catalogue.discover();
        ClaimTask task = ClaimTask.of(config, ids);
        List<ClaimTask.Checked> checked = sc.parallelize(ids, Math.max(1, ids.size())).map(task::check).collect();
        CounterexampleStore store = new CounterexampleStore(config.storeDir());
        List<ClaimResult> results = new ArrayList<>();
        for (ClaimTask.Checked c : checked) {
            ClaimResult r;
            try {
                r = ResultsFiles.mapper().readValue(c.result(), ClaimResult.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an executor's result does not decode: " + e.getOriginalMessage(), e);
            }
            if (c.tightest() != null) {
                AtomicFiles.writeString(ClaimTask.tightestFile(config, r.id()), c.tightest());
            }
            storeOnDriver(store, catalogue.find(r.id()).orElseThrow(), r);
            results.add(r);
        }
        return results;
    }

    /**
     * Adds a counterexample found on an executor to the driver's store, as the local engine stores it (claims about every
     * instance only; an identical instance already stored is kept).
     */
    static void storeOnDriver(CounterexampleStore store, Claim<?> claim, ClaimResult r) {
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
