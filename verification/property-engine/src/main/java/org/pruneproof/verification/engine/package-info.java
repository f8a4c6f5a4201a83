/**
 * The hidden engine behind the public API: runs one claim (replays stored counterexamples, then searches,
 * shrinks and gives a verdict), derives seeds, stores counterexamples, discovers claims on the class path
 * and writes a run's results and report. Callers use Catalogue, CatalogueRun, ClaimRunner and RunConfig;
 * everything else is internal.
 */
package org.pruneproof.verification.engine;
