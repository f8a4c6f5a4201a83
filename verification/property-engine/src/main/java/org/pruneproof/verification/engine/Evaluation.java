package org.pruneproof.verification.engine;

import org.pruneproof.verification.api.Outcome;

/**
 * Instance {@code k} of a claim's random phase, generated from its seed and checked: the unit of work that the
 * parallel engine runs on any worker, and that the claim's search then takes in the order of k.
 *
 * @param k              the instance's index
 * @param seed           its seed ({@link Seeds#forInstance})
 * @param size           its size ({@link Seeds#sizeFor})
 * @param instance       the generated instance (null when the generator threw)
 * @param outcome        the check's outcome (null when the generator threw)
 * @param generatorError what the generator threw, or null
 * @param nanos          time spent generating and checking it
 */
record Evaluation<I>(int k, long seed, int size, I instance, Outcome outcome, RuntimeException generatorError, long nanos) {
}
