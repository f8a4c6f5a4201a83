/**
 * The optional Apache Spark engine: the catalogue's claims and the sweep's cells as Spark tasks, computed on executors
 * by the same code as the local engine and merged on the driver, which writes the same results.json, sweep table and
 * reports. Entry point {@link org.pruneproof.spark.SparkMain} (embedded {@code local[*]}, {@code spark://} clusters,
 * {@code spark-submit}). On a cluster the executors need only Spark's own jars: the driver ships the application's
 * ({@link org.pruneproof.spark.ExecutorJars}) and each claim task carries what it needs of the driver's files
 * ({@link org.pruneproof.spark.ClaimTask}). No core module depends on this one.
 */
package org.pruneproof.spark;
