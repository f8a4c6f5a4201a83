/**
 * JMH benchmarks of the engines against the machine's own limits (memory bandwidth, GEMV, SNIP scoring),
 * run by benchmarks/run; see docs/benchmarks.md.
 */
package org.pruneproof.benchmarks;
