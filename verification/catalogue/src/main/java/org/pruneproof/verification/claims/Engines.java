package org.pruneproof.verification.claims;

import org.pruneproof.scaled.Nd4jDefaults;

/** The numerical engines the catalogue's claims run on, described for a run's report. */
public final class Engines {

    private Engines() {
    }

    /**
     * The cores one check of a claim on the scaled engine keeps busy: ND4J's thread limit. A claim that calls the
     * scaled engine returns this from {@link org.pruneproof.verification.api.Claim#threads()}, so that a parallel run
     * does not oversubscribe the cores ({@code ScaledClaimsDeclareThreadsTest} finds the claims that must).
     */
    public static int scaledThreads() {
        return Nd4jDefaults.threads();
    }

    /** "reference: EJML (float64); scaled: " and the ND4J backend, data type and threads in use. */
    public static String describe() {
        return "reference: EJML (float64); scaled: " + Nd4jDefaults.describe();
    }
}
