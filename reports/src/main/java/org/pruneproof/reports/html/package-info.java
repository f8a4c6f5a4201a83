/**
 * The self-contained HTML report of a run: summary, claim table, reproduction table, one section per claim
 * with typeset statement, tightness histogram, plots (hand-written SVG) and proof; no network access
 * needed.
 */
package org.pruneproof.reports.html;
