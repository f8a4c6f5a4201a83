/**
 * The results model written to results.json (a run, its environment, one ClaimResult per claim, series and
 * statistics) and its validated reading.
 */
package org.pruneproof.reports.results;
