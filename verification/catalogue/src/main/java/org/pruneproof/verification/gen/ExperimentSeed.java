package org.pruneproof.verification.gen;

import org.pruneproof.verification.api.Gen;

/**
 * The instance of a statistical experiment: one seed from which the experiment draws every random
 * choice (networks, data, masks). The experiment's sizes are fixed by the claim and stated in its spec.
 *
 * @param seed the experiment's seed
 */
public record ExperimentSeed(long seed) {

    /** One fresh seed per instance, drawn from the engine's seeded source. */
    public static Gen<ExperimentSeed> generator() {
        return (r, size) -> new ExperimentSeed(r.nextLong());
    }
}
