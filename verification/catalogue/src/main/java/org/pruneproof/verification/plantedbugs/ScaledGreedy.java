package org.pruneproof.verification.plantedbugs;

import java.util.SplittableRandom;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.greedy.CandidateSampler;
import org.pruneproof.scaled.greedy.Features;
import org.pruneproof.scaled.greedy.Replacement;
import org.pruneproof.scaled.greedy.ScaledGreedySelection;
import org.pruneproof.theory.greedy.GreedyPath;

/**
 * The scaled greedy implementation a cross-check claim ties to the reference: the ND4J engine by
 * default; tests substitute a planted bug to show that the claim can fail.
 */
@FunctionalInterface
public interface ScaledGreedy {

    /** The ND4J engine, {@link ScaledGreedySelection#run}. */
    public ScaledGreedy SCALED = (phi, y, steps, variant, precision) -> ScaledGreedySelection.run(
            Features.of(phi, precision), y, steps, variant.withReplacement() ? Replacement.WITH : Replacement.WITHOUT,
            variant.candidates() == 0 ? null : new CandidateSampler(variant.candidates(), new SplittableRandom(variant.seed())));

    /** Runs {@code steps} steps of a variant on features Φ (N×m) and target y in a precision. */
    public GreedyPath select(double[][] phi, double[] y, int steps, Variant variant, Precision precision);

    /**
     * A variant of greedy selection.
     *
     * @param withReplacement whether a neuron may be chosen again
     * @param candidates      C random candidates per step, or 0 for all eligible neurons
     * @param seed            seed of the candidates' {@link SplittableRandom} (unused when C = 0)
     */
    public record Variant(boolean withReplacement, int candidates, long seed) {
        /** With replacement among all neurons (Ye et al.'s theory). */
        public static final Variant PLAIN = new Variant(true, 0, 0);

        @Override
        public String toString() {
            return (withReplacement ? "with" : "without") + " replacement"
                    + (candidates == 0 ? "" : ", " + candidates + " candidates (seed " + seed + ")");
        }
    }
}
