package org.pruneproof.reports.results;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the targeted search for a claim's tightest instance found, after the random phase: the best ratio value/bound
 * of each phase, the tightest instance (stored, replayable) and, for a derived bound, its slack.
 *
 * @param randomBest   the largest ratio over the random phase's instances (null when none had a finite ratio)
 * @param targetedBest the largest ratio after the targeted phase; never below {@code randomBest}, since it starts there
 * @param slack        1/targetedBest for a derived bound that holds (by how much its constant could at most be
 *                     improved on what was seen); null otherwise
 * @param evaluations  mutants checked by the targeted phase
 * @param improvements accepted mutants that raised the ratio
 * @param discarded    mutants outside the hypotheses (discarded by the claim, never accepted)
 * @param instance     the tightest instance's values
 * @param stored       the file the tightest instance was stored in (relative to the repository root); null if not stored
 * @param replay       the command that checks the stored tightest instance again
 * @param stopReason   why the targeted phase stopped
 */
public record Tightness(Double randomBest, Double targetedBest, Double slack, int evaluations, int improvements,
                        int discarded, JsonNode instance, String stored, String replay, String stopReason) {
}
