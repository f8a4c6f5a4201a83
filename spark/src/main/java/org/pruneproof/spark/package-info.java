/**
 * The optional Apache Spark engine: the catalogue's claims and the sweep's cells as Spark tasks, computed on executors
 * by the same code as the local engine and merged on the driver, which writes the same results.json, sweep table and
 * reports. Entry point {@link org.pruneproof.spark.SparkMain} (embedded {@code local[*]}, {@code spark://} clusters,
 * {@code spark-submit}). No core module depends on this one.
 */
package org.pruneproof.spark;
